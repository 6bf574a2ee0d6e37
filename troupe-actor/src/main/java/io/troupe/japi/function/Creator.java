package io.troupe.japi.function;

/** Creates an actor instance (or any value); may throw. Used by {@code Props.create(Class, Creator)}. */
@FunctionalInterface
public interface Creator<T> extends java.io.Serializable {
  T create() throws Exception;
}

package io.troupe.japi.function;

/** A function that may throw a checked exception. */
@FunctionalInterface
public interface Function<T, R> extends java.io.Serializable {
  R apply(T param) throws Exception;
}

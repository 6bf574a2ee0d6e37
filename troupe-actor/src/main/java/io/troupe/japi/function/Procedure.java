package io.troupe.japi.function;

/** A side effect on one argument that may throw a checked exception. */
@FunctionalInterface
public interface Procedure<T> extends java.io.Serializable {
  void apply(T param) throws Exception;
}

package io.troupe.japi.function;

/** A side effect without arguments that may throw a checked exception. */
@FunctionalInterface
public interface Effect extends java.io.Serializable {
  void apply() throws Exception;
}

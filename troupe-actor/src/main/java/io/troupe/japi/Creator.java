package io.troupe.japi;

/** The older name of {@link io.troupe.japi.function.Creator}, kept for code that imports it. */
@FunctionalInterface
public interface Creator<T> extends io.troupe.japi.function.Creator<T> {}

package io.troupe.japi;

import java.util.Objects;

/** Two values. */
public final class Pair<A, B> implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final A first;
  private final B second;

  public Pair(A first, B second) { this.first = first; this.second = second; }

  public static <A, B> Pair<A, B> create(A first, B second) { return new Pair<>(first, second); }

  public A first() { return first; }
  public B second() { return second; }

  @Override public boolean equals(Object o) {
    return o instanceof Pair && Objects.equals(first, ((Pair<?, ?>) o).first) && Objects.equals(second, ((Pair<?, ?>) o).second);
  }
  @Override public int hashCode() { return Objects.hash(first, second); }
  @Override public String toString() { return "Pair(" + first + "," + second + ")"; }
}

package io.troupe.japi.pf;

/**
 * A function defined for some inputs only; what {@link PFBuilder#build()} and {@link DeciderBuilder} return. Where
 * Pekko hands out a Scala {@code PartialFunction}, Troupe hands out this.
 */
public interface PartialFunction<A, B> {
  boolean isDefinedAt(A a);

  /** @throws IllegalArgumentException when not defined at {@code a} */
  B apply(A a);

  /** This function where it is defined, else {@code that}. */
  default PartialFunction<A, B> orElse(PartialFunction<A, B> that) {
    PartialFunction<A, B> self = this;
    return new PartialFunction<>() {
      @Override public boolean isDefinedAt(A a) { return self.isDefinedAt(a) || that.isDefinedAt(a); }
      @Override public B apply(A a) { return self.isDefinedAt(a) ? self.apply(a) : that.apply(a); }
    };
  }
}

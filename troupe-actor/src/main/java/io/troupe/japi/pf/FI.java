package io.troupe.japi.pf;

/** Functional interfaces used by the builders; their methods may throw checked exceptions. */
public final class FI {
  private FI() {}

  @FunctionalInterface
  public interface Apply<I, R> {
    R apply(I i) throws Exception;
  }

  @FunctionalInterface
  public interface Apply2<I1, I2, R> {
    R apply(I1 i1, I2 i2) throws Exception;
  }

  @FunctionalInterface
  public interface TypedPredicate<T> {
    boolean defined(T t);
  }

  @FunctionalInterface
  public interface TypedPredicate2<T, U> {
    boolean defined(T t, U u);
  }

  @FunctionalInterface
  public interface UnitApply<I> {
    void apply(I i) throws Exception;
  }

  @FunctionalInterface
  public interface UnitApply2<I1, I2> {
    void apply(I1 i1, I2 i2) throws Exception;
  }

  @FunctionalInterface
  public interface UnitApplyVoid {
    void apply() throws Exception;
  }

  @FunctionalInterface
  public interface Predicate {
    boolean defined(Object o);
  }
}

package io.troupe.japi.pf;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@link PartialFunction} from cases tried in order. */
public final class PFBuilder<I, R> {
  private final List<Case<I, R>> cases = new ArrayList<>();

  public PFBuilder() {}

  public static <I, R> PFBuilder<I, R> create() { return new PFBuilder<>(); }

  private static final class Case<I, R> {
    final Class<?> type;
    final FI.TypedPredicate<Object> predicate;
    final FI.Apply<Object, R> apply;

    @SuppressWarnings("unchecked")
    Case(Class<?> type, FI.TypedPredicate<?> predicate, FI.Apply<?, R> apply) {
      this.type = type;
      this.predicate = (FI.TypedPredicate<Object>) predicate;
      this.apply = (FI.Apply<Object, R>) apply;
    }

    boolean matches(Object o) {
      return (type == null || type.isInstance(o)) && (predicate == null || predicate.defined(o));
    }
  }

  public <P> PFBuilder<I, R> match(Class<P> type, FI.Apply<P, R> apply) {
    cases.add(new Case<>(type, null, apply));
    return this;
  }

  public <P> PFBuilder<I, R> match(Class<P> type, FI.TypedPredicate<P> predicate, FI.Apply<P, R> apply) {
    cases.add(new Case<>(type, predicate, apply));
    return this;
  }

  public <P> PFBuilder<I, R> matchUnchecked(Class<?> type, FI.Apply<P, R> apply) {
    cases.add(new Case<>(type, null, apply));
    return this;
  }

  public <P> PFBuilder<I, R> matchEquals(P object, FI.Apply<P, R> apply) {
    cases.add(new Case<>(null, (Object o) -> java.util.Objects.equals(object, o), apply));
    return this;
  }

  public PFBuilder<I, R> matchAny(FI.Apply<I, R> apply) {
    cases.add(new Case<>(null, null, apply));
    return this;
  }

  public PartialFunction<I, R> build() {
    @SuppressWarnings("unchecked")
    Case<I, R>[] cs = cases.toArray(new Case[0]);
    return new PartialFunction<>() {
      @Override
      public boolean isDefinedAt(I a) {
        for (Case<I, R> c : cs) if (c.matches(a)) return true;
        return false;
      }

      @Override
      public R apply(I a) {
        for (Case<I, R> c : cs) {
          if (c.matches(a)) {
            try {
              return c.apply.apply(a);
            } catch (RuntimeException | Error e) {
              throw e;
            } catch (Exception e) {
              throw new java.util.concurrent.CompletionException(e);
            }
          }
        }
        throw new IllegalArgumentException("partial function not defined at [" + a + "]");
      }
    };
  }
}

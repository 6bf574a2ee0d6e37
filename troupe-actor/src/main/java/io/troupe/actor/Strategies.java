package io.troupe.actor;

import io.troupe.japi.function.Function;
import io.troupe.japi.pf.PartialFunction;

final class Strategies {
  private Strategies() {}

  static PartialFunction<Throwable, SupervisorStrategy.Directive> total(Function<Throwable, SupervisorStrategy.Directive> f) {
    return new PartialFunction<>() {
      @Override public boolean isDefinedAt(Throwable t) { return true; }

      @Override
      public SupervisorStrategy.Directive apply(Throwable t) {
        try {
          return f.apply(t);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("supervisor decider threw", e);
        }
      }
    };
  }
}

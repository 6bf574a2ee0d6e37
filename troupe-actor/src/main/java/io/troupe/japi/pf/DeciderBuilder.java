package io.troupe.japi.pf;

import io.troupe.actor.SupervisorStrategy;

/**
 * Builds the decider of a supervisor strategy:
 * {@code DeciderBuilder.match(ArithmeticException.class, e -> SupervisorStrategy.resume()).matchAny(o -> SupervisorStrategy.escalate()).build()}.
 */
public final class DeciderBuilder {
  private DeciderBuilder() {}

  public static <P extends Throwable> PFBuilder<Throwable, SupervisorStrategy.Directive> match(
      Class<P> type, FI.Apply<P, SupervisorStrategy.Directive> apply) {
    return PFBuilder.<Throwable, SupervisorStrategy.Directive>create().match(type, apply);
  }

  public static <P extends Throwable> PFBuilder<Throwable, SupervisorStrategy.Directive> match(
      Class<P> type, FI.TypedPredicate<P> predicate, FI.Apply<P, SupervisorStrategy.Directive> apply) {
    return PFBuilder.<Throwable, SupervisorStrategy.Directive>create().match(type, predicate, apply);
  }

  public static PFBuilder<Throwable, SupervisorStrategy.Directive> matchAny(FI.Apply<Throwable, SupervisorStrategy.Directive> apply) {
    return PFBuilder.<Throwable, SupervisorStrategy.Directive>create().matchAny(apply);
  }
}

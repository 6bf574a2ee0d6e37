package io.troupe.actor;

/** A guardian strategy that stops every failing top-level actor. */
public final class StoppingSupervisorStrategy implements SupervisorStrategyConfigurator {
  @Override public SupervisorStrategy create() { return SupervisorStrategy.stoppingStrategy; }
}

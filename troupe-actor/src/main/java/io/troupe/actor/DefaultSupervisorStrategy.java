package io.troupe.actor;

/** The guardian's default: {@link SupervisorStrategy#defaultStrategy}. */
public final class DefaultSupervisorStrategy implements SupervisorStrategyConfigurator {
  @Override public SupervisorStrategy create() { return SupervisorStrategy.defaultStrategy; }
}

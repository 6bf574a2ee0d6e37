package io.troupe.actor;

/** Names the strategy of the {@code /user} guardian in {@code troupe.actor.guardian-supervisor-strategy}. */
public interface SupervisorStrategyConfigurator {
  SupervisorStrategy create();
}

package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;

/**
 * A pool of {@code nrOfInstances} routees created as the router's children. Routes each message to the next routee in turn. In a deployment entry:
 * {@code router = round-robin-pool}.
 */
public final class RoundRobinPool extends AbstractPool<RoundRobinPool> {
  private static final long serialVersionUID = 1L;

  public RoundRobinPool(int nrOfInstances) {
    this(nrOfInstances, DEFAULT_SUPERVISOR_STRATEGY, Dispatchers.DEFAULT_DISPATCHER_ID, false);
  }

  /** From a deployment entry (used by the deployment config). */
  public RoundRobinPool(Config config) {
    super(config);
  }

  public RoundRobinPool(int nrOfInstances, SupervisorStrategy supervisorStrategy, String routerDispatcher, boolean usePoolDispatcher) {
    super(nrOfInstances, supervisorStrategy, routerDispatcher, usePoolDispatcher);
  }

  @Override
  RoundRobinPool copy(int nr, SupervisorStrategy strategy, String dispatcher, boolean poolDispatcher) {
    return new RoundRobinPool(nr, strategy, dispatcher, poolDispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new RoundRobinRoutingLogic());
  }
}

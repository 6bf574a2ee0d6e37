package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;

/**
 * A pool of {@code nrOfInstances} routees created as the router's children. Routes each message to a routee chosen at random. In a deployment entry:
 * {@code router = random-pool}.
 */
public final class RandomPool extends AbstractPool<RandomPool> {
  private static final long serialVersionUID = 1L;

  public RandomPool(int nrOfInstances) {
    this(nrOfInstances, DEFAULT_SUPERVISOR_STRATEGY, Dispatchers.DEFAULT_DISPATCHER_ID, false);
  }

  /** From a deployment entry (used by the deployment config). */
  public RandomPool(Config config) {
    super(config);
  }

  public RandomPool(int nrOfInstances, SupervisorStrategy supervisorStrategy, String routerDispatcher, boolean usePoolDispatcher) {
    super(nrOfInstances, supervisorStrategy, routerDispatcher, usePoolDispatcher);
  }

  @Override
  RandomPool copy(int nr, SupervisorStrategy strategy, String dispatcher, boolean poolDispatcher) {
    return new RandomPool(nr, strategy, dispatcher, poolDispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new RandomRoutingLogic());
  }
}

package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;

/**
 * A pool of {@code nrOfInstances} routees created as the router's children. Routes each message to all routees. In a deployment entry:
 * {@code router = broadcast-pool}.
 */
public final class BroadcastPool extends AbstractPool<BroadcastPool> {
  private static final long serialVersionUID = 1L;

  public BroadcastPool(int nrOfInstances) {
    this(nrOfInstances, DEFAULT_SUPERVISOR_STRATEGY, Dispatchers.DEFAULT_DISPATCHER_ID, false);
  }

  /** From a deployment entry (used by the deployment config). */
  public BroadcastPool(Config config) {
    super(config);
  }

  public BroadcastPool(int nrOfInstances, SupervisorStrategy supervisorStrategy, String routerDispatcher, boolean usePoolDispatcher) {
    super(nrOfInstances, supervisorStrategy, routerDispatcher, usePoolDispatcher);
  }

  @Override
  BroadcastPool copy(int nr, SupervisorStrategy strategy, String dispatcher, boolean poolDispatcher) {
    return new BroadcastPool(nr, strategy, dispatcher, poolDispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new BroadcastRoutingLogic());
  }
}

package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;

/**
 * A pool of {@code nrOfInstances} routees created as the router's children. Routes each message to the least busy
 * routee (see {@link SmallestMailboxRoutingLogic}). In a deployment entry: {@code router = smallest-mailbox-pool}.
 */
public final class SmallestMailboxPool extends AbstractPool<SmallestMailboxPool> {
  private static final long serialVersionUID = 1L;

  public SmallestMailboxPool(int nrOfInstances) {
    this(nrOfInstances, DEFAULT_SUPERVISOR_STRATEGY, Dispatchers.DEFAULT_DISPATCHER_ID, false);
  }

  /** From a deployment entry (used by the deployment config). */
  public SmallestMailboxPool(Config config) {
    super(config);
  }

  public SmallestMailboxPool(int nrOfInstances, SupervisorStrategy supervisorStrategy, String routerDispatcher, boolean usePoolDispatcher) {
    super(nrOfInstances, supervisorStrategy, routerDispatcher, usePoolDispatcher);
  }

  @Override
  SmallestMailboxPool copy(int nr, SupervisorStrategy strategy, String dispatcher, boolean poolDispatcher) {
    return new SmallestMailboxPool(nr, strategy, dispatcher, poolDispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new SmallestMailboxRoutingLogic());
  }
}

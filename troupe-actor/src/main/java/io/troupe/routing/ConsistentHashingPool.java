package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;
import io.troupe.routing.ConsistentHashingRouter.ConsistentHashMapper;
import java.util.Objects;

/**
 * A pool whose routees each own a share of a hash ring: messages with equal keys go to the same routee while the pool
 * is unchanged (see {@link ConsistentHashingRouter}). In a deployment entry: {@code router = consistent-hashing-pool},
 * with {@code virtual-nodes-factor}. A hash mapper can only be given in code; a pool from config takes the one of the
 * consistent-hashing pool in the Props.
 */
public final class ConsistentHashingPool extends AbstractPool<ConsistentHashingPool> {
  private static final long serialVersionUID = 1L;
  private final int virtualNodesFactor;
  private final transient ConsistentHashMapper hashMapping;

  public ConsistentHashingPool(int nrOfInstances) {
    this(nrOfInstances, 0, ConsistentHashingRouter.emptyConsistentHashMapping, DEFAULT_SUPERVISOR_STRATEGY,
        Dispatchers.DEFAULT_DISPATCHER_ID, false);
  }

  /** From a deployment entry (used by the deployment config). */
  public ConsistentHashingPool(Config config) {
    super(config);
    this.virtualNodesFactor = config.getInt("virtual-nodes-factor");
    if (virtualNodesFactor < 1) {
      throw new IllegalArgumentException("virtual-nodes-factor = " + virtualNodesFactor + " is out of range (expected at least 1)");
    }
    this.hashMapping = ConsistentHashingRouter.emptyConsistentHashMapping;
  }

  /** @param virtualNodesFactor positions per routee on the ring; 0 for the system default */
  public ConsistentHashingPool(int nrOfInstances, int virtualNodesFactor, ConsistentHashMapper hashMapping,
                               SupervisorStrategy supervisorStrategy, String routerDispatcher, boolean usePoolDispatcher) {
    super(nrOfInstances, supervisorStrategy, routerDispatcher, usePoolDispatcher);
    if (virtualNodesFactor < 0) {
      throw new IllegalArgumentException("virtualNodesFactor = " + virtualNodesFactor + " is out of range (expected 0 for the default, or at least 1)");
    }
    this.virtualNodesFactor = virtualNodesFactor;
    this.hashMapping = Objects.requireNonNull(hashMapping, "hashMapping");
  }

  @Override
  ConsistentHashingPool copy(int nr, SupervisorStrategy strategy, String dispatcher, boolean poolDispatcher) {
    return new ConsistentHashingPool(nr, virtualNodesFactor, hashMapping, strategy, dispatcher, poolDispatcher);
  }

  /** Positions per routee on the ring; 0 means the system default. */
  public int virtualNodesFactor() { return virtualNodesFactor; }

  public ConsistentHashMapper hashMapping() { return hashMapping; }

  public ConsistentHashingPool withVirtualNodesFactor(int factor) {
    return new ConsistentHashingPool(nrOfInstances, factor, hashMapping, supervisorStrategy, routerDispatcher, usePoolDispatcher);
  }

  /** This pool finding message keys with {@code mapper} first. */
  public ConsistentHashingPool withHashMapper(ConsistentHashMapper mapper) {
    return new ConsistentHashingPool(nrOfInstances, virtualNodesFactor, mapper, supervisorStrategy, routerDispatcher, usePoolDispatcher);
  }

  /** The supervisor strategy and hash mapper are not serialized: a deserialized pool has the defaults. */
  @Override
  protected Object readResolve() {
    if (supervisorStrategy != null && hashMapping != null) return this;
    return new ConsistentHashingPool(nrOfInstances, virtualNodesFactor,
        hashMapping == null ? ConsistentHashingRouter.emptyConsistentHashMapping : hashMapping,
        supervisorStrategy == null ? DEFAULT_SUPERVISOR_STRATEGY : supervisorStrategy, routerDispatcher, usePoolDispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new ConsistentHashingRoutingLogic(system, virtualNodesFactor, hashMapping));
  }

  @Override
  public RouterConfig withFallback(RouterConfig other) {
    ConsistentHashingPool out = this;
    if (other instanceof ConsistentHashingPool && hashMapping == ConsistentHashingRouter.emptyConsistentHashMapping) {
      out = withHashMapper(((ConsistentHashingPool) other).hashMapping);
    }
    return out.superWithFallback(other);
  }

  private RouterConfig superWithFallback(RouterConfig other) { return super.withFallback(other); }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && virtualNodesFactor == ((ConsistentHashingPool) o).virtualNodesFactor
        && hashMapping == ((ConsistentHashingPool) o).hashMapping;
  }

  @Override public int hashCode() { return super.hashCode() * 31 + virtualNodesFactor; }
}

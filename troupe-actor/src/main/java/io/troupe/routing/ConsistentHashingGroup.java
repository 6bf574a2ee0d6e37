package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.dispatch.Dispatchers;
import io.troupe.routing.ConsistentHashingRouter.ConsistentHashMapper;
import java.util.List;
import java.util.Objects;

/**
 * A group over existing actors where each routee owns a share of a hash ring: messages with equal keys go to the same
 * path (see {@link ConsistentHashingRouter}). In a deployment entry: {@code router = consistent-hashing-group}, with
 * {@code routees.paths} and {@code virtual-nodes-factor}.
 */
public final class ConsistentHashingGroup extends AbstractGroup<ConsistentHashingGroup> {
  private static final long serialVersionUID = 1L;
  private final int virtualNodesFactor;
  private final transient ConsistentHashMapper hashMapping;

  public ConsistentHashingGroup(Iterable<String> routeePaths) {
    this(routeePaths, 0, ConsistentHashingRouter.emptyConsistentHashMapping, Dispatchers.DEFAULT_DISPATCHER_ID);
  }

  /** From a deployment entry (used by the deployment config). */
  public ConsistentHashingGroup(Config config) {
    super(config);
    this.virtualNodesFactor = config.getInt("virtual-nodes-factor");
    if (virtualNodesFactor < 1) {
      throw new IllegalArgumentException("virtual-nodes-factor = " + virtualNodesFactor + " is out of range (expected at least 1)");
    }
    this.hashMapping = ConsistentHashingRouter.emptyConsistentHashMapping;
  }

  /** @param virtualNodesFactor positions per routee on the ring; 0 for the system default */
  public ConsistentHashingGroup(Iterable<String> routeePaths, int virtualNodesFactor, ConsistentHashMapper hashMapping,
                                String routerDispatcher) {
    super(routeePaths, routerDispatcher);
    if (virtualNodesFactor < 0) {
      throw new IllegalArgumentException("virtualNodesFactor = " + virtualNodesFactor + " is out of range (expected 0 for the default, or at least 1)");
    }
    this.virtualNodesFactor = virtualNodesFactor;
    this.hashMapping = Objects.requireNonNull(hashMapping, "hashMapping");
  }

  @Override
  ConsistentHashingGroup copy(List<String> p, String dispatcher) {
    return new ConsistentHashingGroup(p, virtualNodesFactor, hashMapping, dispatcher);
  }

  public int virtualNodesFactor() { return virtualNodesFactor; }

  public ConsistentHashMapper hashMapping() { return hashMapping; }

  public ConsistentHashingGroup withVirtualNodesFactor(int factor) {
    return new ConsistentHashingGroup(paths, factor, hashMapping, routerDispatcher);
  }

  /** This group finding message keys with {@code mapper} first. */
  public ConsistentHashingGroup withHashMapper(ConsistentHashMapper mapper) {
    return new ConsistentHashingGroup(paths, virtualNodesFactor, mapper, routerDispatcher);
  }

  /** The hash mapper is not serialized: a deserialized group has none. */
  private Object readResolve() {
    return hashMapping != null ? this
        : new ConsistentHashingGroup(paths, virtualNodesFactor, ConsistentHashingRouter.emptyConsistentHashMapping, routerDispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new ConsistentHashingRoutingLogic(system, virtualNodesFactor, hashMapping));
  }

  /** A group from config takes the hash mapper of the consistent-hashing group given in code. */
  @Override
  public RouterConfig withFallback(RouterConfig other) {
    if (other instanceof ConsistentHashingGroup && hashMapping == ConsistentHashingRouter.emptyConsistentHashMapping) {
      return withHashMapper(((ConsistentHashingGroup) other).hashMapping);
    }
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && virtualNodesFactor == ((ConsistentHashingGroup) o).virtualNodesFactor
        && hashMapping == ((ConsistentHashingGroup) o).hashMapping;
  }

  @Override public int hashCode() { return super.hashCode() * 31 + virtualNodesFactor; }
}

package io.troupe.remote.routing;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.remote.RemoteScope;
import io.troupe.routing.ActorRefRoutee;
import io.troupe.routing.Pool;
import io.troupe.routing.Routee;
import io.troupe.routing.Router;
import io.troupe.routing.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool whose routees are deployed on other nodes: round robin over {@code nodes}, so {@code nr-of-instances} routees
 * are spread evenly. Everything else (routing logic, size, supervisor strategy) is the wrapped pool's. This is what a
 * deployment entry with {@code target.nodes} makes of its pool; in code:
 * {@code new RemoteRouterConfig(new RoundRobinPool(4), List.of(addr1, addr2)).props(Props.create(Worker.class))}.
 * Routees are named {@code c1}, {@code c2}, ... and supervised by the router as local routees are.
 */
public final class RemoteRouterConfig implements Pool {
  private static final long serialVersionUID = 1L;
  private final Pool local;
  private final List<Address> nodes;
  private final AtomicInteger counter = new AtomicInteger();

  public RemoteRouterConfig(Pool local, Iterable<Address> nodes) {
    this.local = Objects.requireNonNull(local, "local pool");
    List<Address> n = new ArrayList<>();
    for (Address a : nodes) n.add(a);
    if (n.isEmpty()) throw new IllegalArgumentException("RemoteRouterConfig needs at least one target node");
    this.nodes = List.copyOf(n);
  }

  public Pool local() { return local; }
  public List<Address> nodes() { return nodes; }

  @Override public Router createRouter(ActorSystem system) { return local.createRouter(system); }
  @Override public String routerDispatcher() { return local.routerDispatcher(); }
  @Override public boolean isManagementMessage(Object message) { return local.isManagementMessage(message); }
  @Override public boolean stopRouterWhenAllRouteesRemoved() { return local.stopRouterWhenAllRouteesRemoved(); }
  @Override public void verifyConfig(ActorPath path) { local.verifyConfig(path); }
  @Override public int nrOfInstances(ActorSystem system) { return local.nrOfInstances(system); }
  @Override public SupervisorStrategy supervisorStrategy() { return local.supervisorStrategy(); }
  @Override public boolean usePoolDispatcher() { return local.usePoolDispatcher(); }

  @Override
  public RouterConfig withFallback(RouterConfig other) {
    RouterConfig o = other instanceof RemoteRouterConfig ? ((RemoteRouterConfig) other).local : other;
    RouterConfig merged = local.withFallback(o);
    return merged instanceof Pool ? new RemoteRouterConfig((Pool) merged, nodes) : this;
  }

  /** The next routee, on the next node in turn. */
  @Override
  public Routee newRoutee(Props routeeProps, AbstractActor.ActorContext context) {
    int i = counter.getAndIncrement();
    Address node = nodes.get(Math.floorMod(i, nodes.size()));
    Props p = routeeProps.withDeploy(new Deploy(new RemoteScope(node)));
    return new ActorRefRoutee(context.actorOf(p, "c" + (i + 1)));
  }

  @Override
  public String toString() { return "RemoteRouterConfig(" + local + ", " + nodes + ")"; }
}

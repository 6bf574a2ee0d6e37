package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.dispatch.Dispatchers;
import java.util.List;

/**
 * A group over existing actors given by path; each message goes out by actor selection. Routes each message to the next routee in turn. In a deployment
 * entry: {@code router = round-robin-group} with {@code routees.paths = [...]}.
 */
public final class RoundRobinGroup extends AbstractGroup<RoundRobinGroup> {
  private static final long serialVersionUID = 1L;

  public RoundRobinGroup(Iterable<String> routeePaths) {
    super(routeePaths, Dispatchers.DEFAULT_DISPATCHER_ID);
  }

  public RoundRobinGroup(Iterable<String> routeePaths, String routerDispatcher) {
    super(routeePaths, routerDispatcher);
  }

  /** From a deployment entry (used by the deployment config). */
  public RoundRobinGroup(Config config) {
    super(config);
  }

  @Override
  RoundRobinGroup copy(List<String> paths, String dispatcher) {
    return new RoundRobinGroup(paths, dispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new RoundRobinRoutingLogic());
  }
}

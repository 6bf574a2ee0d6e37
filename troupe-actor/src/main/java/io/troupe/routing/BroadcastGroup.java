package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.dispatch.Dispatchers;
import java.util.List;

/**
 * A group over existing actors given by path; each message goes out by actor selection. Routes each message to all routees. In a deployment
 * entry: {@code router = broadcast-group} with {@code routees.paths = [...]}.
 */
public final class BroadcastGroup extends AbstractGroup<BroadcastGroup> {
  private static final long serialVersionUID = 1L;

  public BroadcastGroup(Iterable<String> routeePaths) {
    super(routeePaths, Dispatchers.DEFAULT_DISPATCHER_ID);
  }

  public BroadcastGroup(Iterable<String> routeePaths, String routerDispatcher) {
    super(routeePaths, routerDispatcher);
  }

  /** From a deployment entry (used by the deployment config). */
  public BroadcastGroup(Config config) {
    super(config);
  }

  @Override
  BroadcastGroup copy(List<String> paths, String dispatcher) {
    return new BroadcastGroup(paths, dispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new BroadcastRoutingLogic());
  }
}

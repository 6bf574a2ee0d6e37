package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.dispatch.Dispatchers;
import java.util.List;

/**
 * A group over existing actors given by path; each message goes out by actor selection. Routes each message to a routee chosen at random. In a deployment
 * entry: {@code router = random-group} with {@code routees.paths = [...]}.
 */
public final class RandomGroup extends AbstractGroup<RandomGroup> {
  private static final long serialVersionUID = 1L;

  public RandomGroup(Iterable<String> routeePaths) {
    super(routeePaths, Dispatchers.DEFAULT_DISPATCHER_ID);
  }

  public RandomGroup(Iterable<String> routeePaths, String routerDispatcher) {
    super(routeePaths, routerDispatcher);
  }

  /** From a deployment entry (used by the deployment config). */
  public RandomGroup(Config config) {
    super(config);
  }

  @Override
  RandomGroup copy(List<String> paths, String dispatcher) {
    return new RandomGroup(paths, dispatcher);
  }

  @Override
  public Router createRouter(ActorSystem system) {
    return new Router(new RandomRoutingLogic());
  }
}

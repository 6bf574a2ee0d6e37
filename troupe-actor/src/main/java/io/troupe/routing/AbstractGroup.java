package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.dispatch.Dispatchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the built-in groups share: routee paths and the router dispatcher. Immutable; withers copy. */
abstract class AbstractGroup<G extends AbstractGroup<G>> implements Group {
  private static final long serialVersionUID = 1L;

  final List<String> paths;
  final String routerDispatcher;

  AbstractGroup(Iterable<String> paths, String routerDispatcher) {
    List<String> copy = new ArrayList<>();
    for (String p : Objects.requireNonNull(paths, "paths")) copy.add(Objects.requireNonNull(p, "path"));
    this.paths = List.copyOf(copy);
    this.routerDispatcher = Objects.requireNonNull(routerDispatcher, "routerDispatcher");
  }

  /** From a deployment entry: {@code routees.paths}. */
  AbstractGroup(Config config) {
    this(config.getStringList("routees.paths"), Dispatchers.DEFAULT_DISPATCHER_ID);
  }

  abstract G copy(List<String> paths, String routerDispatcher);

  /** The routee paths, an immutable list. */
  public List<String> paths() { return paths; }

  @Override public Iterable<String> getPaths(ActorSystem system) { return paths; }

  @Override public String routerDispatcher() { return routerDispatcher; }

  /** This group with the router actor running on dispatcher {@code dispatcherId}. */
  public G withDispatcher(String dispatcherId) { return copy(paths, dispatcherId); }

  @Override
  public boolean equals(Object o) {
    if (o == null || o.getClass() != getClass()) return false;
    AbstractGroup<?> g = (AbstractGroup<?>) o;
    return paths.equals(g.paths) && routerDispatcher.equals(g.routerDispatcher);
  }

  @Override public int hashCode() { return Objects.hash(getClass(), paths, routerDispatcher); }

  @Override public String toString() { return getClass().getSimpleName() + "(" + paths + ", " + routerDispatcher + ")"; }
}

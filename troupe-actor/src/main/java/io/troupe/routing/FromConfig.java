package io.troupe.routing;

import io.troupe.ConfigurationException;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;
import java.util.Objects;

/**
 * Says in code that an actor is a router and leaves the kind to its {@code troupe.actor.deployment} entry
 * ({@code router}, {@code nr-of-instances}, {@code routees.paths}, ...). Creating it where no entry matches fails with
 * a {@link ConfigurationException}. The supervisor strategy and dispatcher given here apply to the pool from config.
 */
public class FromConfig implements Pool {
  private static final long serialVersionUID = 1L;
  private static final FromConfig INSTANCE = new FromConfig(DEFAULT_SUPERVISOR_STRATEGY, Dispatchers.DEFAULT_DISPATCHER_ID);

  private final transient SupervisorStrategy supervisorStrategy;
  private final String routerDispatcher;

  public FromConfig(SupervisorStrategy supervisorStrategy, String routerDispatcher) {
    this.supervisorStrategy = Objects.requireNonNull(supervisorStrategy, "supervisorStrategy");
    this.routerDispatcher = Objects.requireNonNull(routerDispatcher, "routerDispatcher");
  }

  /** The supervisor strategy is not serialized: a deserialized FromConfig has the default one. */
  private Object readResolve() {
    return supervisorStrategy == null ? new FromConfig(DEFAULT_SUPERVISOR_STRATEGY, routerDispatcher) : this;
  }

  public static FromConfig getInstance() { return INSTANCE; }

  public FromConfig withSupervisorStrategy(SupervisorStrategy strategy) { return new FromConfig(strategy, routerDispatcher); }

  public FromConfig withDispatcher(String dispatcherId) { return new FromConfig(supervisorStrategy, dispatcherId); }

  @Override public SupervisorStrategy supervisorStrategy() { return supervisorStrategy; }

  @Override public String routerDispatcher() { return routerDispatcher; }

  /** Unknown until the config is read; the pool from config says. */
  @Override public int nrOfInstances(ActorSystem system) { return 0; }

  @Override
  public Router createRouter(ActorSystem system) {
    throw new UnsupportedOperationException("FromConfig cannot create a router: the deployment config must replace it");
  }

  @Override
  public void verifyConfig(ActorPath path) {
    throw new ConfigurationException("Configuration missing for router [" + path + "] in 'troupe.actor.deployment' "
        + "section: add an entry for \"" + deploymentKey(path) + "\" with a router (e.g. router = round-robin-pool, "
        + "nr-of-instances = 5), or give the router in code");
  }

  private static String deploymentKey(ActorPath path) {
    StringBuilder sb = new StringBuilder();
    java.util.List<String> el = path.elements();
    for (int i = 1; i < el.size(); i++) sb.append('/').append(el.get(i));
    return sb.length() == 0 ? "/" : sb.toString();
  }

  /** The Props of a router whose routees are made from {@code routeeProps} (for pools). */
  @Override public Props props(Props routeeProps) { return routeeProps.withRouter(this); }

  /** The Props of a router without routee Props (for groups). */
  public Props props() { return Props.empty().withRouter(this); }

  @Override
  public boolean equals(Object o) {
    return o instanceof FromConfig && ((FromConfig) o).supervisorStrategy == supervisorStrategy
        && ((FromConfig) o).routerDispatcher.equals(routerDispatcher);
  }

  @Override public int hashCode() { return routerDispatcher.hashCode(); }

  @Override public String toString() { return "FromConfig"; }
}

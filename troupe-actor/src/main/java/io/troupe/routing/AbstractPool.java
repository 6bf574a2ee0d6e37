package io.troupe.routing;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;
import java.util.Objects;

/** What the built-in pools share: size, routee supervision, router dispatcher. Immutable; withers copy. */
abstract class AbstractPool<P extends AbstractPool<P>> implements Pool {
  private static final long serialVersionUID = 1L;

  final int nrOfInstances;
  final transient SupervisorStrategy supervisorStrategy;
  final String routerDispatcher;
  final boolean usePoolDispatcher;

  AbstractPool(int nrOfInstances, SupervisorStrategy supervisorStrategy, String routerDispatcher, boolean usePoolDispatcher) {
    if (nrOfInstances < 0) {
      throw new IllegalArgumentException("nrOfInstances = " + nrOfInstances + " is out of range (expected 0 or more)");
    }
    this.nrOfInstances = nrOfInstances;
    this.supervisorStrategy = Objects.requireNonNull(supervisorStrategy, "supervisorStrategy");
    this.routerDispatcher = Objects.requireNonNull(routerDispatcher, "routerDispatcher");
    this.usePoolDispatcher = usePoolDispatcher;
  }

  /** From a deployment entry: {@code nr-of-instances}, and whether it has a {@code pool-dispatcher} block. */
  AbstractPool(Config config) {
    this(config.getInt("nr-of-instances"), DEFAULT_SUPERVISOR_STRATEGY, Dispatchers.DEFAULT_DISPATCHER_ID,
        config.hasPath("pool-dispatcher"));
  }

  abstract P copy(int nrOfInstances, SupervisorStrategy supervisorStrategy, String routerDispatcher, boolean usePoolDispatcher);

  /** The number of routees the pool starts with. */
  public int nrOfInstances() { return nrOfInstances; }

  public int getNrOfInstances() { return nrOfInstances; }

  @Override public int nrOfInstances(ActorSystem system) { return nrOfInstances; }

  @Override public SupervisorStrategy supervisorStrategy() { return supervisorStrategy; }

  @Override public String routerDispatcher() { return routerDispatcher; }

  @Override public boolean usePoolDispatcher() { return usePoolDispatcher; }

  /** This pool with routees supervised by {@code strategy} instead of {@link Pool#DEFAULT_SUPERVISOR_STRATEGY}. */
  public P withSupervisorStrategy(SupervisorStrategy strategy) {
    return copy(nrOfInstances, strategy, routerDispatcher, usePoolDispatcher);
  }

  /** This pool with the router actor (not the routees) running on dispatcher {@code dispatcherId}. */
  public P withDispatcher(String dispatcherId) {
    return copy(nrOfInstances, supervisorStrategy, dispatcherId, usePoolDispatcher);
  }

  /**
   * Takes from {@code other} (the pool given in code, when this one comes from config) the supervisor strategy and
   * router dispatcher this one leaves at their defaults.
   */
  @Override
  public RouterConfig withFallback(RouterConfig other) {
    if (!(other instanceof Pool)) return this;
    Pool p = (Pool) other;
    P out = self();
    if (supervisorStrategy == DEFAULT_SUPERVISOR_STRATEGY && p.supervisorStrategy() != DEFAULT_SUPERVISOR_STRATEGY) {
      out = out.withSupervisorStrategy(p.supervisorStrategy());
    }
    if (Dispatchers.DEFAULT_DISPATCHER_ID.equals(routerDispatcher) && !Dispatchers.DEFAULT_DISPATCHER_ID.equals(p.routerDispatcher())) {
      out = out.withDispatcher(p.routerDispatcher());
    }
    return out;
  }

  /** The supervisor strategy is not serialized (as in Pekko): a deserialized pool has the default one. */
  protected Object readResolve() {
    return supervisorStrategy == null ? copy(nrOfInstances, DEFAULT_SUPERVISOR_STRATEGY, routerDispatcher, usePoolDispatcher) : this;
  }

  @SuppressWarnings("unchecked")
  private P self() { return (P) this; }

  @Override
  public boolean equals(Object o) {
    if (o == null || o.getClass() != getClass()) return false;
    AbstractPool<?> p = (AbstractPool<?>) o;
    return nrOfInstances == p.nrOfInstances && supervisorStrategy == p.supervisorStrategy
        && routerDispatcher.equals(p.routerDispatcher) && usePoolDispatcher == p.usePoolDispatcher;
  }

  @Override public int hashCode() { return Objects.hash(getClass(), nrOfInstances, routerDispatcher, usePoolDispatcher); }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + nrOfInstances + ", " + routerDispatcher
        + (supervisorStrategy == DEFAULT_SUPERVISOR_STRATEGY ? "" : ", custom supervisor strategy") + ")";
  }
}

package io.troupe.routing;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorKilledException;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.japi.pf.DeciderBuilder;

/**
 * A router that creates its routees as its own children, from the Props it was given, and supervises them with
 * {@link #supervisorStrategy()}. When all of them have terminated the router stops itself.
 */
public interface Pool extends RouterConfig {

  /**
   * A pool's default supervision: a routee that fails to start or is killed is stopped; any other exception is
   * escalated, so the router fails with the routee's exception and the router's parent decides. With the parent's
   * default strategy that restarts the router, and restarting a pool router restarts all its routees (their refs and
   * mailboxes stay). Give the pool its own strategy with {@code withSupervisorStrategy} to handle routees one by one.
   */
  SupervisorStrategy DEFAULT_SUPERVISOR_STRATEGY = new OneForOneStrategy(DeciderBuilder
      .match(ActorInitializationException.class, e -> SupervisorStrategy.stop())
      .match(ActorKilledException.class, e -> SupervisorStrategy.stop())
      .match(Exception.class, e -> SupervisorStrategy.escalate())
      .build());

  static SupervisorStrategy defaultSupervisorStrategy() { return DEFAULT_SUPERVISOR_STRATEGY; }

  /** How many routees the pool starts with. */
  int nrOfInstances(ActorSystem system);

  /** The strategy the router applies to its routees. */
  default SupervisorStrategy supervisorStrategy() { return DEFAULT_SUPERVISOR_STRATEGY; }

  /**
   * Whether routees run on a dispatcher of their own, configured in the deployment entry's {@code pool-dispatcher}
   * block.
   */
  default boolean usePoolDispatcher() { return false; }

  /** Creates one routee as a child of the router ({@code context} is the router actor's). */
  default Routee newRoutee(Props routeeProps, AbstractActor.ActorContext context) {
    return new ActorRefRoutee(context.actorOf(routeeProps));
  }

  /** The Props of a router of this kind whose routees are made from {@code routeeProps}. */
  default Props props(Props routeeProps) { return routeeProps.withRouter(this); }
}

package io.troupe.routing;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AutoReceivedMessage;
import io.troupe.actor.Terminated;
import io.troupe.dispatch.Dispatchers;

/**
 * What makes an actor a router: a {@link Pool} (the router creates its routees as children), a {@link Group} (the
 * routees exist already and are addressed by path), {@link FromConfig} (the deployment config says which), or
 * {@link NoRouter}. Implementations are immutable and may be shared by many routers.
 *
 * <p>A router ref routes ordinary messages on the sending thread; only {@linkplain #isManagementMessage management
 * messages} pass through the router actor's mailbox.
 */
public interface RouterConfig extends java.io.Serializable {

  /**
   * A fresh routing table (logic and, for custom routers, initial routees) for one new router. Called once per router,
   * on the thread that creates it. Pools and groups return it without routees; the runtime adds them.
   */
  Router createRouter(ActorSystem system);

  /** The dispatcher of the router actor itself (which handles only management messages and supervision). */
  default String routerDispatcher() { return Dispatchers.DEFAULT_DISPATCHER_ID; }

  /**
   * This config with {@code other} filling in what it leaves unset. The deployment config's router falls back to the
   * one given in code, so config wins; a pool from config takes, for example, the supervisor strategy from code.
   */
  default RouterConfig withFallback(RouterConfig other) { return this; }

  /**
   * True for messages the router actor handles itself rather than routing them: {@code PoisonPill}, {@code Kill},
   * {@code Identify}, {@link Terminated}, selections, and the {@link RouterManagementMessage}s.
   */
  default boolean isManagementMessage(Object message) {
    return message instanceof AutoReceivedMessage || message instanceof Terminated
        || message instanceof RouterManagementMessage;
  }

  /** Whether a router stops itself once its last routee has terminated or been removed (true, as in Pekko). */
  default boolean stopRouterWhenAllRouteesRemoved() { return true; }

  /**
   * Checks, when a router at {@code path} is created, that this config can be used there.
   *
   * @throws io.troupe.ConfigurationException when it cannot (e.g. {@link FromConfig} without a deployment entry)
   */
  default void verifyConfig(ActorPath path) {}
}

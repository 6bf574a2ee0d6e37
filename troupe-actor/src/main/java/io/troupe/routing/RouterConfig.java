package io.troupe.routing;

/** How a router actor routes; {@link NoRouter} for plain actors. */
public interface RouterConfig extends java.io.Serializable {
  /** True when the router creates its routees as children (a pool), false when they exist already (a group). */
  default boolean isPool() { return false; }

  /** The dispatcher of the router actor itself. */
  default String routerDispatcher() { return io.troupe.dispatch.Dispatchers.DEFAULT_DISPATCHER_ID; }

  /** Combines with the config given for the same path; config wins where both say something. */
  default RouterConfig withFallback(RouterConfig other) { return this; }
}

package io.troupe.routing;

/**
 * Base for routers that are neither a pool nor a group: {@link #createRouter} returns the routing logic together with
 * the routees to use.
 */
public abstract class CustomRouterConfig implements RouterConfig {
  private static final long serialVersionUID = 1L;
}

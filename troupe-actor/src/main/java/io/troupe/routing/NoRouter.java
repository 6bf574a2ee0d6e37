package io.troupe.routing;

import io.troupe.actor.ActorSystem;

/** The router config of an actor that is not a router ({@code router = from-code} in a deployment entry). */
public final class NoRouter implements RouterConfig {
  private static final long serialVersionUID = 1L;
  private static final NoRouter INSTANCE = new NoRouter();

  private NoRouter() {}

  public static NoRouter getInstance() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override
  public Router createRouter(ActorSystem system) {
    throw new UnsupportedOperationException("NoRouter has no router: it marks an actor that is not a router");
  }

  @Override public RouterConfig withFallback(RouterConfig other) { return other; }

  @Override public String toString() { return "NoRouter"; }
}

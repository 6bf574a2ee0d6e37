package io.troupe.routing;

/** The router config of an actor that is not a router. */
public final class NoRouter implements RouterConfig {
  private static final long serialVersionUID = 1L;
  private static final NoRouter INSTANCE = new NoRouter();

  private NoRouter() {}

  public static NoRouter getInstance() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public RouterConfig withFallback(RouterConfig other) { return other; }

  @Override public String toString() { return "NoRouter"; }
}

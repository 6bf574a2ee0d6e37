package io.troupe.routing;

/** Asks a router for its current routees; it answers the sender with {@link Routees}. */
public final class GetRoutees extends RouterManagementMessage {
  private static final long serialVersionUID = 1L;
  private static final GetRoutees INSTANCE = new GetRoutees();

  private GetRoutees() {}

  public static GetRoutees getInstance() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public String toString() { return "GetRoutees"; }
}

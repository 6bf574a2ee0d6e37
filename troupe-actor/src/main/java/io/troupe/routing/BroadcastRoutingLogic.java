package io.troupe.routing;

import java.util.List;

/** Every routee gets every message. */
public final class BroadcastRoutingLogic implements RoutingLogic {
  @Override
  public Routee select(Object message, List<Routee> routees) {
    if (routees.isEmpty()) return NoRoutee.getInstance();
    return new SeveralRoutees(routees);
  }

  @Override public String toString() { return "BroadcastRoutingLogic"; }
}

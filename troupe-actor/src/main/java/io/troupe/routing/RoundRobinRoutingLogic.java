package io.troupe.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each routee in turn, starting with the first. One counter is shared by all senders, so with one sender the order is
 * exact; with concurrent senders each routee still gets an equal share.
 */
public final class RoundRobinRoutingLogic implements RoutingLogic {
  private final AtomicLong next = new AtomicLong();

  @Override
  public Routee select(Object message, List<Routee> routees) {
    int size = routees.size();
    if (size == 0) return NoRoutee.getInstance();
    return routees.get((int) Long.remainderUnsigned(next.getAndIncrement(), size));
  }

  @Override public String toString() { return "RoundRobinRoutingLogic"; }
}

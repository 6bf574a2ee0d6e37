package io.troupe.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A routee chosen uniformly at random for each message (the sender thread's own random generator, no contention). */
public final class RandomRoutingLogic implements RoutingLogic {
  @Override
  public Routee select(Object message, List<Routee> routees) {
    int size = routees.size();
    if (size == 0) return NoRoutee.getInstance();
    return routees.get(ThreadLocalRandom.current().nextInt(size));
  }

  @Override public String toString() { return "RandomRoutingLogic"; }
}

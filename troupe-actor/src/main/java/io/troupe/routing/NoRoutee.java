package io.troupe.routing;

import io.troupe.actor.ActorRef;

/**
 * What a routing logic returns when it has no destination for a message (no routees, or a consistent-hashing message
 * without a key). A {@link Router} turns it into a dead letter; sending to it directly drops the message.
 */
public final class NoRoutee implements Routee {
  private static final NoRoutee INSTANCE = new NoRoutee();

  private NoRoutee() {}

  public static NoRoutee getInstance() { return INSTANCE; }

  @Override public void send(Object message, ActorRef sender) {}

  @Override public String toString() { return "NoRoutee"; }
}

package io.troupe.routing;

import io.troupe.actor.ActorRef;

/**
 * A destination of a {@link Router}: an actor ref, a selection, several of them, or none. {@link #send} is called on
 * the sending thread (a router routes where the message is sent), so it must be thread-safe and must not block.
 */
public interface Routee {
  void send(Object message, ActorRef sender);
}

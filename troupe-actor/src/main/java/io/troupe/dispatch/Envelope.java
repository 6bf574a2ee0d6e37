package io.troupe.dispatch;

import io.troupe.actor.ActorRef;

/** A user message and its sender (null when there is none), as it sits in a mailbox. */
public final class Envelope {
  public final Object message;
  public final ActorRef sender;

  public Envelope(Object message, ActorRef sender) {
    this.message = message;
    this.sender = sender;
  }

  @Override public String toString() { return "Envelope(" + message + "," + sender + ")"; }
}

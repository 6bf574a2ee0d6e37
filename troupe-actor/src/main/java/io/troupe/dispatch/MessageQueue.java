package io.troupe.dispatch;

import io.troupe.actor.ActorRef;

/**
 * The user-message queue of one mailbox. Contract: {@link #enqueue} is called by any number of threads concurrently;
 * {@link #dequeue}, {@link #cleanUp} by the one thread running the actor at that moment. Neither blocks except a
 * bounded queue configured with a push timeout.
 */
public interface MessageQueue {
  /** Adds an envelope; a queue that refuses it hands it to dead letters itself. */
  void enqueue(ActorRef receiver, Envelope handle);

  /** The next envelope, or null. */
  Envelope dequeue();

  /** An estimate; may be expensive on some queues. */
  int numberOfMessages();

  boolean hasMessages();

  /** Called once when the owner stopped: hands every remaining envelope to {@code deadLetters}. */
  void cleanUp(ActorRef owner, MessageQueue deadLetters);
}

package io.troupe.actor;

/** What the dead-letter channel publishes; subscribe to this to see suppressed dead letters too. */
public interface AllDeadLetters {
  Object message();
  ActorRef sender();
  ActorRef recipient();
}

package io.troupe.actor;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * An actor's view of itself and its surroundings. Only the actor's own thread, while it processes a message, may call
 * these methods; do not close over the context in futures or other threads.
 */
public interface ActorContext extends ActorRefFactory {
  ActorRef self();

  /** The sender of the message being processed; dead letters when there is none. */
  ActorRef sender();

  ActorRef parent();

  Props props();

  ActorSystem system();

  Iterable<ActorRef> children();

  Optional<ActorRef> child(String name);

  Executor dispatcher();

  /** Watches {@code subject}: this actor receives {@link Terminated} once when it stops. Returns {@code subject}. */
  ActorRef watch(ActorRef subject);

  /** Watches {@code subject}, receiving {@code msg} instead of {@link Terminated} when it stops. */
  ActorRef watchWith(ActorRef subject, Object msg);

  /** Stops watching; a {@link Terminated} for {@code subject} that is already queued is dropped. */
  ActorRef unwatch(ActorRef subject);

  /** After {@code timeout} without messages the actor receives {@link ReceiveTimeout}; zero or negative cancels. */
  void setReceiveTimeout(Duration timeout);

  Duration receiveTimeout();
}

package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRefProvider;
import io.troupe.event.EventStream;

/** A ref to a local path where no actor lives: behaves like dead letters, recorded under its own path. */
public final class EmptyLocalActorRef extends DeadLetterActorRef {
  private static final long serialVersionUID = 1L;

  public EmptyLocalActorRef(ActorRefProvider provider, ActorPath path, EventStream eventStream) {
    super(provider, path, eventStream);
  }

  @Override public boolean isTerminated() { return true; }
}

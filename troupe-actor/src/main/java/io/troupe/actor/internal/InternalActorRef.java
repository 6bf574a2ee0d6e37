package io.troupe.actor.internal;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.util.Iterator;

/** What the runtime needs of every ref besides sending: lifecycle control and system messages. Internal API. */
public abstract class InternalActorRef extends ActorRef {
  private static final long serialVersionUID = 1L;

  public abstract ActorRefProvider provider();

  /** The parent ref; the root guardian's parent is a pseudo ref. */
  public abstract InternalActorRef getParent();

  /**
   * Walks down the given names ("..": up; "name#uid": a specific incarnation). Returns null when there is no such
   * actor.
   */
  public abstract InternalActorRef getChild(Iterator<String> names);

  public abstract void sendSystemMessage(SystemMessage message);

  public abstract void start();

  public abstract void suspend();

  public abstract void resume(Throwable causedByFailure);

  public abstract void restart(Throwable cause);

  public abstract void stop();

  /** True for refs whose actor lives in this JVM. */
  public abstract boolean isLocal();

  /** True once the actor is known to have stopped; false does not prove it is alive. */
  public abstract boolean isTerminated();
}

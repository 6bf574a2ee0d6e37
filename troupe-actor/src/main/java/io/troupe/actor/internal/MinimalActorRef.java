package io.troupe.actor.internal;

import io.troupe.actor.ActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.util.Iterator;

/** A ref without a cell: lifecycle calls do nothing, messages are dropped unless a subclass says otherwise. */
public abstract class MinimalActorRef extends InternalActorRef {
  private static final long serialVersionUID = 1L;

  @Override public InternalActorRef getParent() { return Nobody.INSTANCE; }

  @Override
  public InternalActorRef getChild(Iterator<String> names) {
    while (names.hasNext()) {
      if (!names.next().isEmpty()) return null;
    }
    return this;
  }

  @Override public void tell(Object message, ActorRef sender) {}
  @Override public void sendSystemMessage(SystemMessage message) {}
  @Override public void start() {}
  @Override public void suspend() {}
  @Override public void resume(Throwable causedByFailure) {}
  @Override public void restart(Throwable cause) {}
  @Override public void stop() {}
  @Override public boolean isLocal() { return true; }
  @Override public boolean isTerminated() { return false; }
}

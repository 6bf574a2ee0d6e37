package io.troupe.dispatch;

import io.troupe.actor.ActorRef;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;

/**
 * What a stopped actor's ref points at: user messages become {@link DeadLetter}s; a {@code Watch} is answered at once
 * with a death notification (existence not confirmed), so watching a dead actor still yields one {@code Terminated}.
 */
final class DeadLetterMailbox extends Mailbox {
  private static final long serialVersionUID = 1L;
  private final ActorRef deadLetters;

  DeadLetterMailbox(ActorRef deadLetters) {
    super(new DeadLetterQueue(deadLetters));
    this.deadLetters = deadLetters;
    becomeClosed();
  }

  @Override
  public void enqueue(ActorRef receiver, Envelope envelope) {
    messageQueue.enqueue(receiver, envelope);
  }

  @Override
  public void systemEnqueue(ActorRef receiver, SystemMessage message) {
    if (message instanceof SystemMessage.Watch) {
      SystemMessage.Watch w = (SystemMessage.Watch) message;
      if (w.watchee().equals(receiver) && !w.watcher().equals(receiver)) {
        ((InternalActorRef) w.watcher()).sendSystemMessage(new SystemMessage.DeathWatchNotification(w.watchee(), false, false));
      }
    }
    // other lifecycle messages for a dead actor have nothing left to act on
  }

  static final class DeadLetterQueue implements MessageQueue {
    private final ActorRef deadLetters;

    DeadLetterQueue(ActorRef deadLetters) { this.deadLetters = deadLetters; }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      Object m = handle.message;
      if (m instanceof DeadLetter) deadLetters.tell(m, handle.sender);
      else deadLetters.tell(new DeadLetter(m, handle.sender == null ? deadLetters : handle.sender, receiver), handle.sender);
    }

    @Override public Envelope dequeue() { return null; }
    @Override public int numberOfMessages() { return 0; }
    @Override public boolean hasMessages() { return false; }
    @Override public void cleanUp(ActorRef owner, MessageQueue deadLetterQueue) {}
  }
}

package io.troupe.actor.internal;

import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.DeadLetterSuppression;
import io.troupe.actor.Identify;
import io.troupe.actor.InvalidMessageException;
import io.troupe.actor.SuppressedDeadLetter;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.event.EventStream;
import java.util.Optional;

/**
 * Where undeliverable messages go: {@code /deadLetters}, and (as subclass) refs to paths where no actor lives. Every
 * message is published on the event stream as a {@link DeadLetter}; {@link Identify} is answered with an empty
 * {@link ActorIdentity}; a watch is answered with a death notification at once.
 */
public class DeadLetterActorRef extends MinimalActorRef {
  private static final long serialVersionUID = 1L;
  private final transient ActorRefProvider provider;
  private final ActorPath path;
  private final transient EventStream eventStream;

  public DeadLetterActorRef(ActorRefProvider provider, ActorPath path, EventStream eventStream) {
    this.provider = provider;
    this.path = path;
    this.eventStream = eventStream;
  }

  @Override public ActorPath path() { return path; }
  @Override public ActorRefProvider provider() { return provider; }

  /** The ref dead letters name as recipient: this one, or the ref a message was actually sent to. */
  protected ActorRef recipientFor(ActorRef sender) { return this; }

  @Override
  public void tell(Object message, ActorRef sender) {
    if (message == null) throw new InvalidMessageException("Message is null");
    if (message instanceof Identify) {
      if (sender != null) sender.tell(new ActorIdentity(((Identify) message).messageId(), Optional.empty()), this);
      return;
    }
    if (message instanceof ActorSelectionMessage && ((ActorSelectionMessage) message).message() instanceof Identify) {
      Identify id = (Identify) ((ActorSelectionMessage) message).message();
      if (sender != null) sender.tell(new ActorIdentity(id.messageId(), Optional.empty()), this);
      return;
    }
    ActorRef s = sender == null ? provider.deadLetters() : sender;
    if (message instanceof DeadLetter) {
      DeadLetter d = (DeadLetter) message;
      if (d.message() instanceof DeadLetterSuppression) eventStream.publish(new SuppressedDeadLetter(d.message(), d.sender(), d.recipient()));
      else eventStream.publish(d);
    } else if (message instanceof DeadLetterSuppression) {
      eventStream.publish(new SuppressedDeadLetter(message, s, recipientFor(sender)));
    } else {
      eventStream.publish(new DeadLetter(message, s, recipientFor(sender)));
    }
  }

  @Override
  public void sendSystemMessage(SystemMessage message) {
    if (message instanceof SystemMessage.Watch) {
      SystemMessage.Watch w = (SystemMessage.Watch) message;
      if (w.watchee().equals(this) && !w.watcher().equals(this)) {
        ((InternalActorRef) w.watcher()).sendSystemMessage(new SystemMessage.DeathWatchNotification(this, false, false));
      }
    }
  }
}

package io.troupe.actor;

/** A dead letter whose message is a {@link DeadLetterSuppression}: published, but never logged. */
public final class SuppressedDeadLetter implements AllDeadLetters {
  private final Object message;
  private final ActorRef sender;
  private final ActorRef recipient;

  public SuppressedDeadLetter(Object message, ActorRef sender, ActorRef recipient) {
    this.message = message;
    this.sender = sender;
    this.recipient = recipient;
  }

  @Override public Object message() { return message; }
  @Override public ActorRef sender() { return sender; }
  @Override public ActorRef recipient() { return recipient; }

  @Override public String toString() { return "SuppressedDeadLetter(" + message + "," + sender + "," + recipient + ")"; }
}

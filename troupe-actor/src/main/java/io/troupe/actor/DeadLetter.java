package io.troupe.actor;

/** Published on the event stream for every message that could not be delivered. */
public final class DeadLetter implements AllDeadLetters {
  private final Object message;
  private final ActorRef sender;
  private final ActorRef recipient;

  public DeadLetter(Object message, ActorRef sender, ActorRef recipient) {
    if (sender == null) throw new IllegalArgumentException("DeadLetter sender may not be null");
    if (recipient == null) throw new IllegalArgumentException("DeadLetter recipient may not be null");
    this.message = message;
    this.sender = sender;
    this.recipient = recipient;
  }

  @Override public Object message() { return message; }
  @Override public ActorRef sender() { return sender; }
  @Override public ActorRef recipient() { return recipient; }

  @Override public String toString() { return "DeadLetter(" + message + "," + sender + "," + recipient + ")"; }
}

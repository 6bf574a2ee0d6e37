package io.troupe.actor;

/** Published on the event stream when an actor's behaviour did not handle a message. */
public final class UnhandledMessage {
  private final Object message;
  private final ActorRef sender;
  private final ActorRef recipient;

  public UnhandledMessage(Object message, ActorRef sender, ActorRef recipient) {
    this.message = message;
    this.sender = sender;
    this.recipient = recipient;
  }

  public Object getMessage() { return message; }
  public ActorRef getSender() { return sender; }
  public ActorRef getRecipient() { return recipient; }
  public Object message() { return message; }
  public ActorRef sender() { return sender; }
  public ActorRef recipient() { return recipient; }

  @Override public String toString() { return "UnhandledMessage(" + message + "," + sender + "," + recipient + ")"; }
}

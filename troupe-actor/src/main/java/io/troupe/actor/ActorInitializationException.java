package io.troupe.actor;

/** Thrown when an actor cannot be created or its {@code preStart} fails; the default supervisor stops it. */
public class ActorInitializationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ActorRef actor;

  public ActorInitializationException(ActorRef actor, String message, Throwable cause) {
    super(actor == null ? message : actor + ": " + message, cause);
    this.actor = actor;
  }

  public ActorInitializationException(String message) { this(null, message, null); }

  public ActorRef getActor() { return actor; }
  public ActorRef actor() { return actor; }
}

package io.troupe.actor;

/** Thrown when an actor name is invalid or already taken; the message says which rule it breaks. */
public class InvalidActorNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidActorNameException(String message) { super(message); }

  public InvalidActorNameException(String message, Throwable cause) { super(message, cause); }
}

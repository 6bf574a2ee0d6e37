package io.troupe.actor;

/** Thrown when a message is null or otherwise cannot be sent. */
public class InvalidMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidMessageException(String message) { super(message); }

  public InvalidMessageException(String message, Throwable cause) { super(message, cause); }
}

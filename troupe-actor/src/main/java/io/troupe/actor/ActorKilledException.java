package io.troupe.actor;

/** Thrown inside an actor that received {@link Kill}; the default supervisor stops it. */
public class ActorKilledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ActorKilledException(String message) { super(message); }

  @Override public synchronized Throwable fillInStackTrace() { return this; }
}

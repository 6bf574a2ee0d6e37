package io.troupe.actor;

/** Thrown by {@code stash()} when the stash holds {@code stash-capacity} messages already. */
public class StashOverflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StashOverflowException(String message) { super(message); }
}

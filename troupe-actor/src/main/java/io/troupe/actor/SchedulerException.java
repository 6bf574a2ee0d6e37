package io.troupe.actor;

/**
 * Thrown by a task run from the {@link Scheduler} to stop its repetition without logging an error; the periodic
 * actor-ref variants throw it once their receiver has terminated.
 */
public final class SchedulerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchedulerException(String message) {
    super(message, null, false, false);
  }
}

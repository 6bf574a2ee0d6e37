package io.troupe.actor;

/** Thrown when {@code postRestart} (by default {@code preStart}) of the fresh instance throws. */
public class PostRestartException extends ActorInitializationException {
  private static final long serialVersionUID = 1L;
  private final Throwable originalCause;

  public PostRestartException(ActorRef actor, Throwable cause, Throwable originalCause) {
    super(actor, "exception post restart (" + (originalCause == null ? "null" : originalCause.getClass().getName()) + ")", cause);
    this.originalCause = originalCause;
  }

  public Throwable originalCause() { return originalCause; }
}

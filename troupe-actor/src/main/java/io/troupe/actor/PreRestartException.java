package io.troupe.actor;

import java.util.Optional;

/** Thrown when {@code preRestart} of the failed instance throws; wraps that exception and the original failure. */
public class PreRestartException extends ActorInitializationException {
  private static final long serialVersionUID = 1L;
  private final Throwable originalCause;
  private final transient Optional<Object> messageOption;

  public PreRestartException(ActorRef actor, Throwable cause, Throwable originalCause, Optional<Object> messageOption) {
    super(actor, "exception in preRestart(" + (originalCause == null ? "null" : originalCause.getClass().getName()) + ", "
        + messageOption.map(m -> m.getClass().getName()).orElse("None") + ")", cause);
    this.originalCause = originalCause;
    this.messageOption = messageOption;
  }

  public Throwable originalCause() { return originalCause; }
  public Optional<Object> messageOption() { return messageOption; }
}

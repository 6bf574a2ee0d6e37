package io.troupe.pattern;

/** Fails an ask's future when no reply arrived in time, or when the target was already stopped. */
public class AskTimeoutException extends java.util.concurrent.TimeoutException {
  private static final long serialVersionUID = 1L;

  public AskTimeoutException(String message) { super(message); }

  public AskTimeoutException(String message, Throwable cause) {
    super(message);
    initCause(cause);
  }
}

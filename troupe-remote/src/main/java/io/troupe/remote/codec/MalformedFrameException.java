package io.troupe.remote.codec;

/**
 * The one exception the codec throws for bad input: a protocol violation on one connection. The transport logs it
 * and closes that connection only; other connections and associations are unaffected.
 */
public final class MalformedFrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedFrameException(String message) {
    super(message);
  }

  public MalformedFrameException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Stack traces of wire errors say nothing useful and cost time under attack. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

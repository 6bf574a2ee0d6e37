package io.troupe.remote;

/** Remoting as a whole failed (for example, binding the listener). */
public final class RemotingErrorEvent implements RemotingLifecycleEvent {
  private final Throwable cause;

  public RemotingErrorEvent(Throwable cause) { this.cause = cause; }

  public Throwable getCause() { return cause; }
  public Throwable cause() { return cause; }

  @Override public org.slf4j.event.Level logLevel() { return org.slf4j.event.Level.ERROR; }

  @Override public String toString() { return "Remoting error: [" + (cause == null ? "" : cause.getMessage()) + "]"; }
}

package io.troupe.remote;

/** Remoting has shut down (the system terminates). */
public final class RemotingShutdownEvent implements RemotingLifecycleEvent {
  private static final RemotingShutdownEvent INSTANCE = new RemotingShutdownEvent();

  private RemotingShutdownEvent() {}

  public static RemotingShutdownEvent getInstance() { return INSTANCE; }

  @Override public String toString() { return "Remoting shut down"; }
}

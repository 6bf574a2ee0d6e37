package io.troupe.remote.artery;

import io.troupe.remote.RemotingLifecycleEvent;
import io.troupe.remote.UniqueAddress;

/** A peer announced it is shutting down; its incarnation was quarantined without any error. */
public final class GracefulShutdownQuarantinedEvent implements RemotingLifecycleEvent {
  private final UniqueAddress uniqueAddress;
  private final String reason;

  public GracefulShutdownQuarantinedEvent(UniqueAddress uniqueAddress, String reason) {
    this.uniqueAddress = uniqueAddress;
    this.reason = reason;
  }

  public UniqueAddress uniqueAddress() { return uniqueAddress; }
  public UniqueAddress getUniqueAddress() { return uniqueAddress; }
  public String reason() { return reason; }

  @Override
  public String toString() {
    return "Association to [" + uniqueAddress.address() + "] having UID [" + uniqueAddress.uid() + "] has been stopped. "
        + "All messages to this UID will be delivered to dead letters. Reason: " + reason;
  }
}

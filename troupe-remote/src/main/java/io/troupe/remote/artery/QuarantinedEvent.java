package io.troupe.remote.artery;

import io.troupe.remote.RemotingLifecycleEvent;
import io.troupe.remote.UniqueAddress;

/** This node quarantined one incarnation of a peer: no messages to or from it any more. */
public final class QuarantinedEvent implements RemotingLifecycleEvent {
  private final UniqueAddress uniqueAddress;
  private final String reason;

  public QuarantinedEvent(UniqueAddress uniqueAddress, String reason) {
    this.uniqueAddress = uniqueAddress;
    this.reason = reason;
  }

  public UniqueAddress uniqueAddress() { return uniqueAddress; }
  public UniqueAddress getUniqueAddress() { return uniqueAddress; }
  public String reason() { return reason; }

  @Override public org.slf4j.event.Level logLevel() { return org.slf4j.event.Level.WARN; }

  @Override
  public String toString() {
    return "Association to [" + uniqueAddress.address() + "] having UID [" + uniqueAddress.uid() + "] is irrecoverably "
        + "failed. UID is now quarantined and all messages to this UID will be delivered to dead letters. Reason: " + reason;
  }
}

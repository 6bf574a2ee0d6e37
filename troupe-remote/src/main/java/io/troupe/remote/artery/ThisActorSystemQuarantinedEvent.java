package io.troupe.remote.artery;

import io.troupe.remote.UniqueAddress;

/**
 * A peer quarantined this system, with both incarnations (UIDs): Artery's form of {@link
 * io.troupe.remote.ThisActorSystemQuarantinedEvent}, as Pekko's {@code org.apache.pekko.remote.artery} package has it.
 * Both are published on the event stream; only the classic one is logged as a lifecycle event.
 */
public final class ThisActorSystemQuarantinedEvent {
  private final UniqueAddress localAddress;
  private final UniqueAddress remoteAddress;

  public ThisActorSystemQuarantinedEvent(UniqueAddress localAddress, UniqueAddress remoteAddress) {
    this.localAddress = localAddress;
    this.remoteAddress = remoteAddress;
  }

  public UniqueAddress localAddress() { return localAddress; }
  public UniqueAddress remoteAddress() { return remoteAddress; }
  public UniqueAddress getLocalAddress() { return localAddress; }
  public UniqueAddress getRemoteAddress() { return remoteAddress; }

  @Override
  public String toString() {
    return "ThisActorSystemQuarantinedEvent(" + localAddress + ", " + remoteAddress + ")";
  }
}

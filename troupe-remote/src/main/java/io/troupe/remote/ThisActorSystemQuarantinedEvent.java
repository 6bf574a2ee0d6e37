package io.troupe.remote;

import io.troupe.actor.Address;

/**
 * A peer quarantined this system: it will never talk to this incarnation again. Only a restart (a new UID) restores
 * communication with it.
 */
public final class ThisActorSystemQuarantinedEvent implements RemotingLifecycleEvent {
  private final Address localAddress;
  private final Address remoteAddress;

  public ThisActorSystemQuarantinedEvent(Address localAddress, Address remoteAddress) {
    this.localAddress = localAddress;
    this.remoteAddress = remoteAddress;
  }

  public Address localAddress() { return localAddress; }
  public Address remoteAddress() { return remoteAddress; }
  public Address getLocalAddress() { return localAddress; }
  public Address getRemoteAddress() { return remoteAddress; }

  @Override public org.slf4j.event.Level logLevel() { return org.slf4j.event.Level.WARN; }

  @Override
  public String toString() {
    return "The remote system " + remoteAddress + " has quarantined this system " + localAddress
        + ". No further associations to the remote system are possible until this system is restarted.";
  }
}

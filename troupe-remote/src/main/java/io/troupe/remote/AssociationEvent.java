package io.troupe.remote;

import io.troupe.actor.Address;

/** An event about the link between this node and one peer. */
public abstract class AssociationEvent implements RemotingLifecycleEvent {
  private final Address localAddress;
  private final Address remoteAddress;
  private final boolean inbound;

  protected AssociationEvent(Address localAddress, Address remoteAddress, boolean inbound) {
    this.localAddress = localAddress;
    this.remoteAddress = remoteAddress;
    this.inbound = inbound;
  }

  public Address getLocalAddress() { return localAddress; }
  public Address getRemoteAddress() { return remoteAddress; }
  public Address localAddress() { return localAddress; }
  public Address remoteAddress() { return remoteAddress; }
  /** True when the peer started the association (its handshake reached us first). */
  public boolean isInbound() { return inbound; }
  public boolean inbound() { return inbound; }

  protected abstract String eventName();

  @Override
  public String toString() {
    return eventName() + " [" + localAddress + "]" + (inbound ? " <- " : " -> ") + "[" + remoteAddress + "]";
  }
}

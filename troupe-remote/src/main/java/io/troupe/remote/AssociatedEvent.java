package io.troupe.remote;

import io.troupe.actor.Address;

/** The handshake with a peer completed: messages flow. */
public final class AssociatedEvent extends AssociationEvent {
  public AssociatedEvent(Address localAddress, Address remoteAddress, boolean inbound) {
    super(localAddress, remoteAddress, inbound);
  }

  @Override protected String eventName() { return "Associated"; }
}

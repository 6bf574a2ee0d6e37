package io.troupe.remote;

import io.troupe.actor.Address;

/** The connection to a peer was lost; the association is gated until it reconnects. */
public final class DisassociatedEvent extends AssociationEvent {
  public DisassociatedEvent(Address localAddress, Address remoteAddress, boolean inbound) {
    super(localAddress, remoteAddress, inbound);
  }

  @Override protected String eventName() { return "Disassociated"; }

  @Override public org.slf4j.event.Level logLevel() { return org.slf4j.event.Level.DEBUG; }
}

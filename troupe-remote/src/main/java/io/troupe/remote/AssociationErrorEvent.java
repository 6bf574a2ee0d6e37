package io.troupe.remote;

import io.troupe.actor.Address;

/** Something went wrong on the link to a peer (connect failure, handshake timeout, refused handshake). */
public final class AssociationErrorEvent extends AssociationEvent {
  private final Throwable cause;
  private final org.slf4j.event.Level level;

  public AssociationErrorEvent(Throwable cause, Address localAddress, Address remoteAddress, boolean inbound, org.slf4j.event.Level level) {
    super(localAddress, remoteAddress, inbound);
    this.cause = cause;
    this.level = level;
  }

  public Throwable getCause() { return cause; }
  public Throwable cause() { return cause; }

  @Override public org.slf4j.event.Level logLevel() { return level; }

  @Override protected String eventName() { return "AssociationError"; }

  @Override
  public String toString() {
    return super.toString() + ": Error [" + (cause == null ? "" : cause.getMessage()) + "]";
  }
}

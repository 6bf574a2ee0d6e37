package io.troupe.remote;

import io.troupe.actor.Address;
import java.util.Set;

/** Remoting is listening: the canonical address(es) peers can use. */
public final class RemotingListenEvent implements RemotingLifecycleEvent {
  private final Set<Address> listenAddresses;

  public RemotingListenEvent(Set<Address> listenAddresses) { this.listenAddresses = Set.copyOf(listenAddresses); }

  public Set<Address> getListenAddresses() { return listenAddresses; }
  public Set<Address> listenAddresses() { return listenAddresses; }

  @Override public String toString() { return "Remoting now listens on addresses: " + listenAddresses; }
}

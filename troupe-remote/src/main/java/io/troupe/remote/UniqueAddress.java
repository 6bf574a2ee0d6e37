package io.troupe.remote;

import io.troupe.actor.Address;
import java.util.Objects;

/** An address plus the UID of one incarnation of the actor system living there. */
public final class UniqueAddress implements Comparable<UniqueAddress>, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final Address address;
  private final long uid;

  public UniqueAddress(Address address, long uid) {
    this.address = Objects.requireNonNull(address, "address");
    this.uid = uid;
  }

  public Address address() { return address; }

  public long uid() { return uid; }

  @Override
  public boolean equals(Object o) {
    return o instanceof UniqueAddress && ((UniqueAddress) o).uid == uid && ((UniqueAddress) o).address.equals(address);
  }

  @Override public int hashCode() { return 31 * address.hashCode() + Long.hashCode(uid); }

  @Override
  public int compareTo(UniqueAddress o) {
    int c = address.compareTo(o.address);
    return c != 0 ? c : Long.compare(uid, o.uid);
  }

  @Override public String toString() { return "UniqueAddress(" + address + "," + uid + ")"; }
}

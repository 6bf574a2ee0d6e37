package io.troupe.actor;

/** The root of a system's actor tree: {@code troupe://sys/}. */
public final class RootActorPath extends ActorPath {
  private static final long serialVersionUID = 1L;
  private final Address address;
  private final String name;

  public RootActorPath(Address address) { this(address, "/"); }

  public RootActorPath(Address address, String name) {
    this.address = address;
    this.name = name;
  }

  @Override public Address address() { return address; }
  @Override public String name() { return name; }
  @Override public ActorPath parent() { return this; }
  @Override public RootActorPath root() { return this; }
  @Override public int uid() { return UNDEFINED_UID; }
  @Override public int depth() { return 0; }

  @Override
  public ActorPath withUid(int uid) {
    if (uid == UNDEFINED_UID) return this;
    throw new IllegalStateException("RootActorPath must have undefined uid, was [" + uid + "]");
  }

  @Override public String toString() { return address + name; }
  @Override public int hashCode() { return address.hashCode(); }
}

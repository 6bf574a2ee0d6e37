package io.troupe.routing;

import java.util.Objects;

/**
 * Removes a routee from a router; a pool also stops it when it is one of the pool's children. A router whose last
 * routee is removed stops itself.
 */
public final class RemoveRoutee extends RouterManagementMessage {
  private static final long serialVersionUID = 1L;
  private final Routee routee;

  public RemoveRoutee(Routee routee) {
    this.routee = Objects.requireNonNull(routee, "routee");
  }

  public Routee routee() { return routee; }

  public Routee getRoutee() { return routee; }

  @Override public boolean equals(Object o) { return o instanceof RemoveRoutee && routee.equals(((RemoveRoutee) o).routee); }

  @Override public int hashCode() { return routee.hashCode(); }

  @Override public String toString() { return "RemoveRoutee(" + routee + ")"; }
}

package io.troupe.routing;

import java.util.Objects;

/** Adds a routee to a router. A routee that is an actor ref is watched, and removed again when it terminates. */
public final class AddRoutee extends RouterManagementMessage {
  private static final long serialVersionUID = 1L;
  private final Routee routee;

  public AddRoutee(Routee routee) {
    this.routee = Objects.requireNonNull(routee, "routee");
  }

  public Routee routee() { return routee; }

  public Routee getRoutee() { return routee; }

  @Override public boolean equals(Object o) { return o instanceof AddRoutee && routee.equals(((AddRoutee) o).routee); }

  @Override public int hashCode() { return routee.hashCode(); }

  @Override public String toString() { return "AddRoutee(" + routee + ")"; }
}

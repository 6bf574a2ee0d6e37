package io.troupe.routing;

import java.util.List;

/** A router's answer to {@link GetRoutees}: its routees at that moment, in routing order. */
public final class Routees implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final List<Routee> routees;

  public Routees(List<Routee> routees) {
    this.routees = List.copyOf(routees);
  }

  /** The routees, an immutable list. */
  public List<Routee> getRoutees() { return routees; }

  public List<Routee> routees() { return routees; }

  @Override public boolean equals(Object o) { return o instanceof Routees && routees.equals(((Routees) o).routees); }

  @Override public int hashCode() { return routees.hashCode(); }

  @Override public String toString() { return "Routees(" + routees + ")"; }
}

package io.troupe.routing;

import io.troupe.actor.ActorRef;
import java.util.List;

/** Several destinations at once: sending to it sends the message to each (what broadcast selects). */
public final class SeveralRoutees implements Routee {
  private final List<Routee> routees;

  public SeveralRoutees(List<Routee> routees) {
    this.routees = List.copyOf(routees);
  }

  public List<Routee> getRoutees() { return routees; }

  public List<Routee> routees() { return routees; }

  @Override
  public void send(Object message, ActorRef sender) {
    for (Routee r : routees) r.send(message, sender);
  }

  @Override public boolean equals(Object o) { return o instanceof SeveralRoutees && routees.equals(((SeveralRoutees) o).routees); }

  @Override public int hashCode() { return routees.hashCode(); }

  @Override public String toString() { return "SeveralRoutees(" + routees + ")"; }
}

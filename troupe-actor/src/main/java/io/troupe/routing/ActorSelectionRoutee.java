package io.troupe.routing;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSelection;
import java.util.Objects;

/** A routee addressed by path; group routees are of this kind, each message is delivered by selection. */
public final class ActorSelectionRoutee implements Routee, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final transient ActorSelection selection;

  public ActorSelectionRoutee(ActorSelection selection) {
    this.selection = Objects.requireNonNull(selection, "selection");
  }

  public ActorSelection selection() { return selection; }

  public ActorSelection getSelection() { return selection; }

  @Override public void send(Object message, ActorRef sender) { selection.tell(message, sender); }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActorSelectionRoutee && selection.equals(((ActorSelectionRoutee) o).selection);
  }

  @Override public int hashCode() { return selection.hashCode(); }

  @Override public String toString() { return "ActorSelectionRoutee(" + selection + ")"; }
}

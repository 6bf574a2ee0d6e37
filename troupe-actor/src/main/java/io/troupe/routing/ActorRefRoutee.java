package io.troupe.routing;

import io.troupe.actor.ActorRef;
import java.util.Objects;

/** A routee that is an actor ref; pool routees are always of this kind. */
public final class ActorRefRoutee implements Routee, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final ActorRef ref;

  public ActorRefRoutee(ActorRef ref) {
    this.ref = Objects.requireNonNull(ref, "ref");
  }

  public ActorRef ref() { return ref; }

  public ActorRef getRef() { return ref; }

  @Override public void send(Object message, ActorRef sender) { ref.tell(message, sender); }

  @Override public boolean equals(Object o) { return o instanceof ActorRefRoutee && ref.equals(((ActorRefRoutee) o).ref); }

  @Override public int hashCode() { return ref.hashCode(); }

  @Override public String toString() { return "ActorRefRoutee(" + ref + ")"; }
}

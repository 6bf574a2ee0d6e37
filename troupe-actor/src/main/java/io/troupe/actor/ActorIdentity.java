package io.troupe.actor;

import java.util.Objects;
import java.util.Optional;

/** The answer to {@link Identify}: the actor's ref, or empty when no actor lives at the path. */
public final class ActorIdentity implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final Object correlationId;
  private final ActorRef ref;

  public ActorIdentity(Object correlationId, Optional<ActorRef> ref) {
    this.correlationId = correlationId;
    this.ref = ref.orElse(null);
  }

  public Object correlationId() { return correlationId; }
  public Object getCorrelationId() { return correlationId; }
  public Optional<ActorRef> getActorRef() { return Optional.ofNullable(ref); }
  public Optional<ActorRef> ref() { return getActorRef(); }

  @Override public boolean equals(Object o) {
    return o instanceof ActorIdentity && Objects.equals(correlationId, ((ActorIdentity) o).correlationId)
        && Objects.equals(ref, ((ActorIdentity) o).ref);
  }
  @Override public int hashCode() { return Objects.hash(correlationId, ref); }
  @Override public String toString() { return "ActorIdentity(" + correlationId + "," + (ref == null ? "None" : ref) + ")"; }
}

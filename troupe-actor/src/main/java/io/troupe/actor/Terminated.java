package io.troupe.actor;

import java.util.Objects;

/**
 * Delivered to a watcher when the watched actor has stopped. {@code existenceConfirmed} is false when the watch reached
 * an actor that was already gone; {@code addressTerminated} is true when the actor's whole system became unreachable.
 */
public final class Terminated implements AutoReceivedMessage, PossiblyHarmful, DeadLetterSuppression, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final ActorRef actor;
  private final boolean existenceConfirmed;
  private final boolean addressTerminated;

  public Terminated(ActorRef actor, boolean existenceConfirmed, boolean addressTerminated) {
    this.actor = actor;
    this.existenceConfirmed = existenceConfirmed;
    this.addressTerminated = addressTerminated;
  }

  public ActorRef getActor() { return actor; }
  public ActorRef actor() { return actor; }
  public boolean getExistenceConfirmed() { return existenceConfirmed; }
  public boolean existenceConfirmed() { return existenceConfirmed; }
  public boolean getAddressTerminated() { return addressTerminated; }
  public boolean addressTerminated() { return addressTerminated; }

  @Override public boolean equals(Object o) { return o instanceof Terminated && Objects.equals(actor, ((Terminated) o).actor); }
  @Override public int hashCode() { return Objects.hashCode(actor); }
  @Override public String toString() { return "Terminated(" + actor + ")"; }
}

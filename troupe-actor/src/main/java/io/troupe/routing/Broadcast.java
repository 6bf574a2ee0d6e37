package io.troupe.routing;

import java.util.Objects;

/**
 * Sends {@link #message()} to every routee of any router, whatever its routing logic. {@code new
 * Broadcast(PoisonPill.getInstance())} stops a pool's routees (and the pool router with them once all are gone),
 * while a plain {@code PoisonPill} stops the router itself.
 */
public final class Broadcast implements RouterEnvelope, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final Object message;

  public Broadcast(Object message) {
    this.message = Objects.requireNonNull(message, "message");
  }

  @Override public Object message() { return message; }

  public Object getMessage() { return message; }

  @Override public boolean equals(Object o) { return o instanceof Broadcast && message.equals(((Broadcast) o).message); }

  @Override public int hashCode() { return message.hashCode() * 31 + 7; }

  @Override public String toString() { return "Broadcast(" + message + ")"; }
}

package io.troupe.actor;

/** Where an actor is deployed: {@link LocalScope} or a remote scope. */
public interface Scope extends java.io.Serializable {
  /** This scope, or {@code other} where this one says nothing. */
  Scope withFallback(Scope other);
}

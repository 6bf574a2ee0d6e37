package io.troupe.remote;

import io.troupe.actor.Address;
import io.troupe.actor.Scope;
import java.util.Objects;

/** Deploys an actor on the node at {@code node}: {@code Props.withDeploy(new Deploy(new RemoteScope(address)))}. */
public final class RemoteScope implements Scope {
  private static final long serialVersionUID = 1L;
  private final Address node;

  public RemoteScope(Address node) { this.node = Objects.requireNonNull(node, "node"); }

  public Address node() { return node; }
  public Address getNode() { return node; }

  @Override public Scope withFallback(Scope other) { return this; }

  @Override public boolean equals(Object o) { return o instanceof RemoteScope && ((RemoteScope) o).node.equals(node); }
  @Override public int hashCode() { return node.hashCode(); }
  @Override public String toString() { return "RemoteScope(" + node + ")"; }
}

package io.troupe.remote;

import io.troupe.actor.Address;
import io.troupe.actor.Scope;
import java.util.Objects;

/**
 * Deploys an actor on the node at {@code node}, as Pekko's {@code RemoteScope}:
 * {@code props.withDeploy(new Deploy(new RemoteScope(address)))}. The creating system sends the Props to that node's
 * remote daemon and supervises the child from afar. On the wire it is serializer 16, manifest {@code RS}
 * (spec section 9.4).
 */
public final class RemoteScope implements Scope {
  private static final long serialVersionUID = 1L;

  private final Address node;

  /**
   * @param node the address of the node to deploy on. It needs a host and a port to be sent anywhere; as in Pekko, a
   *     local address is accepted here and refused when the deployment is serialized
   */
  public RemoteScope(Address node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The address of the node the actor is deployed on. */
  public Address node() { return node; }

  /** Pekko's Java accessor. */
  public Address getNode() { return node; }

  /** A remote scope is specific: it wins over whatever the fallback says. */
  @Override
  public Scope withFallback(Scope other) { return this; }

  @Override
  public boolean equals(Object o) { return o instanceof RemoteScope && ((RemoteScope) o).node.equals(node); }

  @Override
  public int hashCode() { return node.hashCode(); }

  @Override
  public String toString() { return "RemoteScope(" + node + ")"; }
}

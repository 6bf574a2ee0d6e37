package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.Address;
import io.troupe.actor.RootActorPath;

/** The parent of nothing in particular: what the root guardian's pseudo supervisor reports as its parent. */
public final class Nobody extends MinimalActorRef {
  private static final long serialVersionUID = 1L;
  public static final Nobody INSTANCE = new Nobody();
  private final ActorPath path = new RootActorPath(new Address("troupe", "all-systems"), "/Nobody");

  private Nobody() {}

  @Override public ActorPath path() { return path; }
  @Override public ActorRefProvider provider() { throw new UnsupportedOperationException("Nobody does not provide"); }
  @Override public boolean isTerminated() { return true; }
}

package io.troupe.actor;

import io.troupe.dispatch.Dispatchers;

/** The runtime's view of an actor system: its provider, guardians and dispatchers. */
public abstract class ExtendedActorSystem extends ActorSystem {
  public abstract ActorRefProvider provider();

  /** The {@code /user} guardian. */
  public abstract ActorRef guardian();

  /** The {@code /system} guardian. */
  public abstract ActorRef systemGuardian();

  /** Creates an actor under {@code /system}. */
  public abstract ActorRef systemActorOf(Props props, String name);

  public abstract Dispatchers dispatchers();

  /** Loads classes the way the system was told to (its class loader). */
  public abstract ClassLoader classLoader();

  /** Creates an instance of {@code fqcn} through a constructor taking the given argument types. */
  public abstract <T> T createInstanceFor(String fqcn, Class<T> type, Class<?>[] argTypes, Object[] args) throws ReflectiveOperationException;
}

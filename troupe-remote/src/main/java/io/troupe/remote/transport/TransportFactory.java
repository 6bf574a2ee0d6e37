package io.troupe.remote.transport;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.remote.RemoteSettings;

/**
 * Makes the {@link Transport} a system's remoting talks through. Remoting uses plain TCP unless
 * {@code troupe.remote.artery.advanced.transport-factory} names an implementation, which it creates through a public
 * no-argument constructor; tests use that to run remoting on an in-memory network and a manual clock. Internal API.
 *
 * <p>Contract: {@link #create} is called once, while the system starts (before the actor tree exists), on the thread
 * that creates the system. It may block briefly and throws an unchecked exception to fail the start.
 */
@FunctionalInterface
public interface TransportFactory {
  /** A new, unbound transport for {@code system}. */
  Transport create(ExtendedActorSystem system, RemoteSettings settings);
}

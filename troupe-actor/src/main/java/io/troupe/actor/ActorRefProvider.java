package io.troupe.actor;

import io.troupe.actor.internal.ActorSystemImpl;
import io.troupe.actor.internal.InternalActorRef;

/**
 * Creates and resolves refs for one actor system; {@code troupe.actor.provider} chooses the implementation
 * ({@code local}, {@code remote}). The methods besides {@link #getDefaultAddress()} and {@link #rootPath()} are for
 * the runtime and for transports.
 */
public interface ActorRefProvider {
  /** The address this system's refs carry when sent elsewhere. */
  Address getDefaultAddress();

  RootActorPath rootPath();

  InternalActorRef rootGuardian();

  /** The {@code /user} guardian. */
  InternalActorRef guardian();

  /** The {@code /system} guardian. */
  InternalActorRef systemGuardian();

  InternalActorRef deadLetters();

  /** Starts the provider: guardians, dead letters, transports. Called once by the system. */
  void init(ActorSystemImpl system);

  /**
   * Creates the ref (and, for local actors, the cell) of a new actor; the caller has reserved the name.
   *
   * @param supervisor the parent
   * @param path the path with a fresh uid
   * @param systemService true for the runtime's own actors, exempt from deployment config
   */
  InternalActorRef actorOf(ActorSystemImpl system, Props props, InternalActorRef supervisor, ActorPath path, boolean systemService);

  /** The ref for a serialized path; an empty ref (messages become dead letters) when nothing lives there. */
  ActorRef resolveActorRef(String path);

  ActorRef resolveActorRef(ActorPath path);

  /** The root guardian of the system at {@code address}: local or a remote ref. */
  InternalActorRef rootGuardianAt(Address address);

  /** The address this system uses towards {@code remote}, or empty when it cannot reach it. */
  java.util.Optional<Address> getExternalAddressFor(Address remote);

  /** A child ref of the root guardian that is not an actor ({@code temp}, {@code deadLetters}), or null. */
  InternalActorRef rootExtraChild(String name);

  /** Called when the system terminates, after the root guardian stopped. */
  default void shutdown() {}
}

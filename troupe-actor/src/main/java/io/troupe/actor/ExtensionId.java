package io.troupe.actor;

/** Identifies an {@link Extension} and creates it, once per actor system, on first use. */
public interface ExtensionId<T extends Extension> {
  /** Called once per system, possibly from any thread; may look up other extensions. */
  T createExtension(ExtendedActorSystem system);

  /** The extension of this system, created on first call. */
  default T get(ActorSystem system) {
    return system.registerExtension(this);
  }

  default T apply(ActorSystem system) {
    return get(system);
  }
}

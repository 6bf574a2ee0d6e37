package io.troupe.serialization;

import io.troupe.actor.AbstractExtensionId;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.ExtensionId;

/**
 * The way to the {@link Serialization} of an actor system: {@code SerializationExtension.get(system)}, as in Pekko.
 * The system creates it when it starts, so configuration mistakes fail {@code ActorSystem.create}.
 */
public final class SerializationExtension {
  private SerializationExtension() {}

  private static final ExtensionId<Serialization> ID = new Id();

  /** The serialization extension of {@code system}. */
  public static Serialization get(ActorSystem system) {
    return system.registerExtension(ID);
  }

  /** The extension id, for {@code registerExtension} and {@code hasExtension}. */
  public static ExtensionId<Serialization> lookup() {
    return ID;
  }

  /** Creates the extension; called once per system. */
  public static Serialization createExtension(ExtendedActorSystem system) {
    return new Serialization(system);
  }

  private static final class Id extends AbstractExtensionId<Serialization> {
    @Override
    public Serialization createExtension(ExtendedActorSystem system) {
      return new Serialization(system);
    }

    @Override
    public String toString() {
      return "SerializationExtension";
    }
  }
}

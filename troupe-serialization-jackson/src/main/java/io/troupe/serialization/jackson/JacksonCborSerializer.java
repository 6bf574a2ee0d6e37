package io.troupe.serialization.jackson;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.troupe.actor.ExtendedActorSystem;
import java.util.Optional;

/**
 * Jackson CBOR, configured as {@code jackson-cbor} with id 33, as Pekko's {@code JacksonCborSerializer}: binary and
 * more compact than JSON; objects are written as indefinite-length maps ({@code bf ... ff}), as Pekko writes them.
 * Bind your messages to it through a marker interface:
 * {@code troupe.actor.serialization-bindings { "com.example.CborSerializable" = jackson-cbor }}.
 */
public final class JacksonCborSerializer extends JacksonSerializer {
  public JacksonCborSerializer(ExtendedActorSystem system, String bindingName) {
    super(system, bindingName, JacksonObjectMapperProvider.get(system).getOrCreate(bindingName, Optional.of(new CBORFactory())));
  }
}

package io.troupe.serialization.jackson;

import io.troupe.actor.ExtendedActorSystem;
import java.util.Optional;

/**
 * Jackson JSON, configured as {@code jackson-json} with id 31, as Pekko's {@code JacksonJsonSerializer}: UTF-8 JSON
 * text, gzip-compressed above 32 KiB by default. Bind your messages to it through a marker interface:
 * {@code troupe.actor.serialization-bindings { "com.example.JsonSerializable" = jackson-json }}.
 */
public final class JacksonJsonSerializer extends JacksonSerializer {
  public JacksonJsonSerializer(ExtendedActorSystem system, String bindingName) {
    super(system, bindingName, JacksonObjectMapperProvider.get(system).getOrCreate(bindingName, Optional.empty()));
  }
}

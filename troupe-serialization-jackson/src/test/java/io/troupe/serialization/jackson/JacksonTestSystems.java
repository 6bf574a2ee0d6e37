package io.troupe.serialization.jackson;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import java.util.concurrent.TimeUnit;

/** Actor systems for the Jackson tests, with the bindings a user would write. */
final class JacksonTestSystems {
  private JacksonTestSystems() {}

  /** The capture's bindings plus the application-style marker interfaces. */
  static final String BINDINGS =
      "troupe.actor.serialization-bindings {\n"
          + "  \"wirecapture.Msgs$JsonMsg\" = jackson-json\n"
          + "  \"wirecapture.Msgs$CborMsg\" = jackson-cbor\n"
          + "  \"com.example.jackson.Messages$JsonSerializable\" = jackson-json\n"
          + "  \"com.example.jackson.Messages$CborSerializable\" = jackson-cbor\n"
          + "}\n";

  static ActorSystem create(String name, String config) {
    return ActorSystem.create(name, ConfigFactory.parseString(config).withFallback(ConfigFactory.load()));
  }

  static void terminate(ActorSystem system) {
    if (system == null) return;
    try {
      system.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("actor system [" + system.name() + "] did not terminate within 10 s", e);
    }
  }
}

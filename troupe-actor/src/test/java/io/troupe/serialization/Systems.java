package io.troupe.serialization;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import java.util.concurrent.TimeUnit;

/** Creates and terminates actor systems for the serialization tests. */
final class Systems {
  private Systems() {}

  /** A system with {@code config} (HOCON) over the defaults. */
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

  /** The HOCON that registers the test serializers under the names text, named, other, exploding. */
  static final String TEST_SERIALIZERS =
      "troupe.actor.serializers {\n"
          + "  text = \"io.troupe.serialization.TestSerializers$TextSerializer\"\n"
          + "  named = \"io.troupe.serialization.TestSerializers$NamedEmptySerializer\"\n"
          + "  other = \"io.troupe.serialization.TestSerializers$OtherSerializer\"\n"
          + "  exploding = \"io.troupe.serialization.TestSerializers$ExplodingSerializer\"\n"
          + "}\n"
          + "troupe.actor.serialization-bindings {\n"
          + "  \"com.example.messages.TestMessages$Text\" = text\n"
          + "  \"com.example.messages.TestMessages$Exploding\" = exploding\n"
          + "}\n";
}

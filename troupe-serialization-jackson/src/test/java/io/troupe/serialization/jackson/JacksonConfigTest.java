package io.troupe.serialization.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jackson.Messages;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorSystem;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The module's reference.conf, per-binding overrides, migrations, type-in-manifest and configuration errors. */
class JacksonConfigTest {

  private static String createFails(String config, String... fragments) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> JacksonTestSystems.terminate(JacksonTestSystems.create("JacksonConfigTest", config)));
    for (String f : fragments) assertTrue(e.getMessage().contains(f), "expected [" + f + "] in: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void referenceDefaultsArePekkos() {
    com.typesafe.config.Config c = ConfigFactory.load();
    JacksonSettings json = new JacksonSettings(c, "jackson-json");
    JacksonSettings cbor = new JacksonSettings(c, "jackson-cbor");
    assertEquals(Boolean.FALSE, json.serializationFeatures().get(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    assertEquals(Boolean.FALSE, json.serializationFeatures().get(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS));
    assertEquals(Boolean.FALSE, json.serializationFeatures().get(SerializationFeature.FAIL_ON_EMPTY_BEANS));
    assertEquals(Boolean.FALSE, json.deserializationFeatures().get(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    assertEquals(JacksonSettings.Compression.GZIP, json.compression());
    assertEquals(32 * 1024, json.compressLargerThanBytes());
    assertEquals(JacksonSettings.Compression.OFF, cbor.compression());
    assertTrue(json.typeInManifest());
    assertEquals(4, json.jacksonModules().size());
    assertEquals(31, c.getInt("troupe.actor.serialization-identifiers.jackson-json"));
    assertEquals(33, c.getInt("troupe.actor.serialization-identifiers.jackson-cbor"));
  }

  @Test
  void aMigrationWritesTheVersionAndUpgradesOldPayloads() throws Exception {
    ActorSystem s = JacksonTestSystems.create("JacksonConfigTestMigration", JacksonTestSystems.BINDINGS
        + "troupe.serialization.jackson.migrations { \"com.example.jackson.Messages$Renamed\" = \"com.example.jackson.RenamedMigration\" }");
    try {
      Serialization ser = SerializationExtension.get(s);
      Messages.Renamed r = new Messages.Renamed("n");
      Serializer json = ser.findSerializerFor(r);
      assertEquals(Messages.Renamed.class.getName() + "#2", Serializers.manifestFor(json, r));
      byte[] v1 = "{\"title\":\"old\"}".getBytes(StandardCharsets.UTF_8);
      assertEquals(new Messages.Renamed("old"), ser.deserialize(v1, 31, Messages.Renamed.class.getName()));
      assertEquals(new Messages.Renamed("old"), ser.deserialize(v1, 31, Messages.Renamed.class.getName() + "#1"));
      assertEquals(r, ser.deserialize(ser.serialize(r), 31, Messages.Renamed.class.getName() + "#2"));
      assertThrows(java.io.NotSerializableException.class,
          () -> ser.deserialize(v1, 31, Messages.Renamed.class.getName() + "#3"), "newer than supported");
    } finally {
      JacksonTestSystems.terminate(s);
    }
  }

  @Test
  void typeInManifestOffUsesTheSingleBoundClass() throws Exception {
    ActorSystem s = JacksonTestSystems.create("JacksonConfigTestNoType",
        "troupe.actor.serializers.ping-json = \"io.troupe.serialization.jackson.JacksonJsonSerializer\"\n"
            + "troupe.actor.serialization-identifiers.ping-json = 1001\n"
            + "troupe.actor.serialization-bindings { \"com.example.jackson.Messages$Ping\" = ping-json }\n"
            + "troupe.serialization.jackson.ping-json.type-in-manifest = off");
    try {
      Serialization ser = SerializationExtension.get(s);
      Messages.Ping p = new Messages.Ping(1, "a");
      Serializer sz = ser.findSerializerFor(p);
      assertEquals(1001, sz.identifier());
      assertEquals("", Serializers.manifestFor(sz, p));
      assertEquals(p, ser.deserialize(ser.serialize(p), 1001, ""));
    } finally {
      JacksonTestSystems.terminate(s);
    }
  }

  @Test
  void unknownFeatureNameNamesTheKey() {
    createFails("troupe.serialization.jackson.serialization-features.WRITE_DATES_AS_TIMESTAMPZ = on",
        "troupe.serialization.jackson.serialization-features.WRITE_DATES_AS_TIMESTAMPZ",
        "com.fasterxml.jackson.databind.SerializationFeature");
  }

  @Test
  void aBindingOverrideIsNamedWhenItIsWrong() {
    createFails("troupe.serialization.jackson.jackson-cbor.deserialization-features.NOPE = on",
        "troupe.serialization.jackson.jackson-cbor.deserialization-features.NOPE");
  }

  @Test
  void lz4IsRefusedAtStart() {
    createFails("troupe.serialization.jackson.jackson-cbor.compression.algorithm = lz4",
        "troupe.serialization.jackson.jackson-cbor.compression.algorithm = lz4", "not supported");
  }

  @Test
  void aModuleThatIsNotOnTheClassPathNamesTheKey() {
    createFails("troupe.serialization.jackson.jackson-modules += \"com.fasterxml.jackson.module.scala.DefaultScalaModule\"",
        "troupe.serialization.jackson.jackson-modules", "DefaultScalaModule");
  }

  @Test
  void aMigrationThatCannotBeCreatedNamesTheKey() {
    createFails("troupe.serialization.jackson.migrations { \"a.B\" = \"com.example.NoMigration\" }",
        "troupe.serialization.jackson.migrations.\"a.B\"");
  }

  @Test
  void aJacksonSerializerWithoutAnIdNamesTheKey() {
    createFails("troupe.actor.serializers.my-json = \"io.troupe.serialization.jackson.JacksonJsonSerializer\"",
        "troupe.actor.serializers.my-json", "troupe.actor.serialization-identifiers.\"my-json\" is missing");
  }
}

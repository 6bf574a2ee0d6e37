package io.troupe.serialization.jackson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jackson.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Props;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Round trips and Pekko's defaults: ids, manifests, ISO dates, unknown properties, empty beans, refs, gzip. */
class JacksonSerializerTest {
  private static ActorSystem system;
  private static Serialization serialization;
  private static ActorRef someActor;

  public static final class Nobody extends AbstractActor {
    @Override public Receive createReceive() { return emptyBehavior(); }
  }

  @BeforeAll
  static void start() {
    system = JacksonTestSystems.create("JacksonSerializerTest", JacksonTestSystems.BINDINGS);
    serialization = SerializationExtension.get(system);
    someActor = system.actorOf(Props.create(Nobody.class), "someone");
  }

  @AfterAll
  static void stop() {
    JacksonTestSystems.terminate(system);
  }

  private static Object roundTrip(Object o, int expectedId) throws Exception {
    Serializer s = serialization.findSerializerFor(o);
    assertEquals(expectedId, s.identifier());
    String manifest = Serializers.manifestFor(s, o);
    assertEquals(o.getClass().getName(), manifest, "the manifest is the binary class name");
    return serialization.deserialize(serialization.serialize(o), s.identifier(), manifest);
  }

  private static Messages.Order order() {
    return new Messages.Order("o-1", List.of(new Messages.Item("apple", 3), new Messages.Item("pear", 1)),
        Map.of("prio", 2L), Optional.of("fragile"), Instant.parse("2024-05-06T07:08:09.123Z"), Duration.ofSeconds(90),
        LocalDate.of(2024, 5, 6), someActor, new Address("troupe", "JacksonSerializerTest", "10.0.0.1", 2552));
  }

  @Test
  void aMarkerInterfaceBindsRecordsToJsonAndCbor() throws Exception {
    Messages.Order o = order();
    // Order implements both markers, which are bound to different serializers: ambiguous, both named
    NotSerializableException e = assertThrows(NotSerializableException.class, () -> serialization.serializerFor(o.getClass()));
    assertTrue(e.getMessage().contains("jackson-json") && e.getMessage().contains("jackson-cbor"), e.getMessage());
    assertEquals(new Messages.Ping(7, "p"), roundTrip(new Messages.Ping(7, "p"), 33));
    assertEquals(new Messages.Plain("x", 2), roundTrip(new Messages.Plain("x", 2), 31));
    assertEquals(new Messages.Stop(), roundTrip(new Messages.Stop(), 31));
    assertEquals("{}", new String(serialization.serialize(new Messages.Stop()), StandardCharsets.UTF_8));
  }

  @Test
  void everyDefaultModuleRoundTripsInJsonAndCbor() throws Exception {
    ActorSystem s = JacksonTestSystems.create("JacksonSerializerTestOrder", JacksonTestSystems.BINDINGS
        + "troupe.actor.serialization-bindings { \"com.example.jackson.Messages$Order\" = jackson-json }");
    try {
      Serialization ser = SerializationExtension.get(s);
      ActorRef ref = s.actorOf(Props.create(Nobody.class), "someone");
      Messages.Order o = new Messages.Order("o-1", List.of(new Messages.Item("apple", 3)), Map.of("prio", 2L),
          Optional.of("fragile"), Instant.parse("2024-05-06T07:08:09.123Z"), Duration.ofSeconds(90),
          LocalDate.of(2024, 5, 6), ref, new Address("troupe", "x", "10.0.0.1", 2552));
      byte[] json = ser.serialize(o);
      JsonNode tree = new ObjectMapper().readTree(json);
      assertEquals("2024-05-06T07:08:09.123Z", tree.get("placedAt").asText(), "dates as ISO strings");
      assertEquals("PT1M30S", tree.get("timeout").asText(), "durations as ISO strings");
      assertEquals("2024-05-06", tree.get("day").asText());
      assertEquals("fragile", tree.get("note").asText(), "Optional unwrapped");
      assertEquals(ref.path().toSerializationFormat(), tree.get("replyTo").asText(), "refs as wire paths");
      assertEquals("troupe://x@10.0.0.1:2552", tree.get("origin").asText());
      Object back = ser.deserialize(json, 31, o.getClass().getName());
      assertEquals(o, back);

      ActorSystem c = JacksonTestSystems.create("JacksonSerializerTestOrderCbor", JacksonTestSystems.BINDINGS
          + "troupe.actor.serialization-bindings { \"com.example.jackson.Messages$Order\" = jackson-cbor }");
      try {
        Serialization cs = SerializationExtension.get(c);
        Messages.Order local = new Messages.Order("o-2", List.of(), Map.of(), Optional.empty(), Instant.EPOCH,
            Duration.ZERO, LocalDate.of(2000, 1, 1), c.deadLetters(), new Address("troupe", "y"));
        byte[] cbor = cs.serialize(local);
        assertEquals((byte) 0xbf, cbor[0], "CBOR objects are indefinite-length maps");
        assertEquals(local, cs.deserialize(cbor, 33, local.getClass().getName()));
      } finally {
        JacksonTestSystems.terminate(c);
      }
    } finally {
      JacksonTestSystems.terminate(s);
    }
  }

  @Test
  void unknownPropertiesAreIgnoredSoNewerSendersCanAddFields() throws Exception {
    byte[] newer = "{\"seq\":3,\"text\":\"t\",\"addedLater\":[1,2]}".getBytes(StandardCharsets.UTF_8);
    ActorSystem s = JacksonTestSystems.create("JacksonSerializerTestUnknown",
        "troupe.actor.serialization-bindings { \"com.example.jackson.Messages$Ping\" = jackson-json }");
    try {
      assertEquals(new Messages.Ping(3, "t"),
          SerializationExtension.get(s).deserialize(newer, 31, Messages.Ping.class.getName()));
    } finally {
      JacksonTestSystems.terminate(s);
    }
  }

  @Test
  void jsonAbove32KiBIsGzippedAndReadBack() throws Exception {
    Messages.Bulk small = new Messages.Bulk("x".repeat(100));
    assertEquals('{', serialization.serialize(small)[0]);
    Messages.Bulk big = new Messages.Bulk("y".repeat(40 * 1024));
    byte[] bytes = serialization.serialize(big);
    assertEquals((byte) 0x1f, bytes[0], "gzip magic");
    assertEquals((byte) 0x8b, bytes[1]);
    assertTrue(bytes.length < 4096, "compressed: " + bytes.length);
    assertEquals(big, serialization.deserialize(bytes, 31, Messages.Bulk.class.getName()));
    // CBOR does not compress by default, but reads gzip too (readers detect it by the magic)
    JacksonSerializer cbor = (JacksonSerializer) serialization.serializersByName().get("jackson-cbor");
    assertEquals(JacksonSettings.Compression.OFF, cbor.settings().compression());
  }

  @Test
  void aGzipBombIsRefusedAtTheConfiguredSize() throws Exception {
    ActorSystem s = JacksonTestSystems.create("JacksonSerializerTestBomb", JacksonTestSystems.BINDINGS
        + "troupe.serialization.jackson.compression.max-decompressed-size = 64 KiB");
    try {
      Serialization ser = SerializationExtension.get(s);
      byte[] ok = ser.serialize(new Messages.Bulk("z".repeat(40 * 1024)));
      assertEquals(new Messages.Bulk("z".repeat(40 * 1024)), ser.deserialize(ok, 31, Messages.Bulk.class.getName()));
      byte[] bomb = PayloadCompression.gzip(("{\"payload\":\"" + "z".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
      NotSerializableException e = assertThrows(NotSerializableException.class,
          () -> ser.deserialize(bomb, 31, Messages.Bulk.class.getName()));
      assertTrue(e.getMessage().contains("max-decompressed-size"), e.getMessage());
    } finally {
      JacksonTestSystems.terminate(s);
    }
  }

  @Test
  void lz4PayloadsAreRecognisedAndRefusedClearly() {
    byte[] lz4 = java.util.HexFormat.of().parseHex("87d96df6000000050000000000");
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serialization.deserialize(lz4, 33, Messages.Ping.class.getName()));
    assertTrue(e.getMessage().contains("LZ4"), e.getMessage());
  }

  @Test
  void corruptJsonIsAnIllegalArgumentNamingTheClass() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serialization.deserialize("{\"a\":".getBytes(StandardCharsets.UTF_8), 31, Messages.Plain.class.getName()));
    assertTrue(e.getMessage().contains(Messages.Plain.class.getName()), e.getMessage());
  }

  @Test
  void theSharedMapperIsTheSerializersAndCreateGivesAFreshOne() {
    JacksonObjectMapperProvider p = JacksonObjectMapperProvider.get(system);
    JacksonSerializer json = (JacksonSerializer) serialization.serializersByName().get("jackson-json");
    assertTrue(p.getOrCreate("jackson-json", Optional.empty()) == json.objectMapper());
    assertNotEquals(json.objectMapper(), p.create("jackson-json", Optional.empty()));
    assertArrayEquals(new byte[] {'{', '}'}, serialization.serializersByName().get("jackson-json").toBinary(new Messages.Stop()));
  }
}

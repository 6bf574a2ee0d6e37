package io.troupe.serialization.jackson;

import io.troupe.serialization.CapturedFrames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.troupe.actor.ActorSystem;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wirecapture.Msgs;

/**
 * The Jackson serializers against the payloads real Pekko 1.7.0 nodes exchanged (spec §9.5, §14): the capture's
 * messages rebuilt as Java records with the same binary names read from the captured bytes, and serialize to exactly
 * the captured payload and manifest (JSON property order is the record component order, which is the Scala case class
 * order Pekko wrote; CBOR maps are indefinite-length, as Pekko's).
 */
class JacksonGoldenVectorsTest {
  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = JacksonTestSystems.create("JacksonGoldenVectorsTest", JacksonTestSystems.BINDINGS);
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    JacksonTestSystems.terminate(system);
  }

  private static void check(CapturedFrames.Frame f, Object expected) throws Exception {
    Object read = serialization.deserialize(f.payload(), f.serializerId(), f.manifest());
    assertEquals(expected, read, f.toString());

    Serializer s = serialization.findSerializerFor(expected);
    assertEquals(f.serializerId(), s.identifier(), f + ": id");
    assertEquals(f.manifest(), Serializers.manifestFor(s, expected), f + ": manifest");
    assertArrayEquals(f.payload(), serialization.serialize(expected), f + ": payload bytes");
  }

  @Test
  void jsonPayloadsMatchByteForByte() throws Exception {
    List<CapturedFrames.Frame> frames = CapturedFrames.withSerializer(31);
    assertFalse(frames.isEmpty(), "no jackson-json frames in the capture");
    for (CapturedFrames.Frame f : frames) {
      assertEquals("{\"text\":\"json\",\"n\":1}", new String(f.payload(), StandardCharsets.UTF_8));
      check(f, new Msgs.JsonMsg("json", 1));
    }
    assertInstanceOf(JacksonJsonSerializer.class, serialization.findSerializerFor(new Msgs.JsonMsg("", 0)));
  }

  @Test
  void cborPayloadsMatchByteForByte() throws Exception {
    List<CapturedFrames.Frame> frames = CapturedFrames.withSerializer(33);
    assertFalse(frames.isEmpty(), "no jackson-cbor frames in the capture");
    for (CapturedFrames.Frame f : frames) {
      assertEquals("bf64746578746463626f72616e02ff", java.util.HexFormat.of().formatHex(f.payload()));
      check(f, new Msgs.CborMsg("cbor", 2));
    }
    assertInstanceOf(JacksonCborSerializer.class, serialization.findSerializerFor(new Msgs.CborMsg("", 0)));
  }
}

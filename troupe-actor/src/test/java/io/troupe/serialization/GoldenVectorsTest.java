package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorSystem;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in serializers against the payloads two real Pekko 1.7.0 nodes exchanged (spec §14): for every captured
 * frame of serializers 4, 18, 19, 20, 21 and 35, Troupe reads the value the capture's label names, and writes exactly
 * the captured bytes back, through both the array and the buffer path.
 */
class GoldenVectorsTest {
  private static final Pattern STRING = Pattern.compile("String \"(.*)\"");
  private static final Pattern NUMBER = Pattern.compile("(Long|Integer) (-?\\d+)");
  private static final Pattern BYTES = Pattern.compile("(byte|ByteString)\\[(\\d+)\\]");

  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("GoldenVectorsTest");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    Systems.terminate(system);
  }

  /** The value the capture tool sent, reconstructed from the frame's label. */
  private static Object expectedValue(CapturedFrames.Frame f) {
    Matcher m;
    if ((m = STRING.matcher(f.label())).matches()) return m.group(1);
    if ((m = NUMBER.matcher(f.label())).matches()) {
      return m.group(1).equals("Long") ? (Object) Long.parseLong(m.group(2)) : (Object) Integer.parseInt(m.group(2));
    }
    if (f.label().equals("Boolean true")) return Boolean.TRUE;
    if (f.label().equals("Boolean false")) return Boolean.FALSE;
    if ((m = BYTES.matcher(f.label())).matches()) {
      int n = Integer.parseInt(m.group(2));
      assertEquals(n, f.payload().length, f + ": label length");
      // raw bytes: the payload is the value (its content is checked in largeByteStringPayloadIsTheCountingPattern)
      return m.group(1).equals("ByteString") ? ByteBuffer.wrap(f.payload()) : f.payload();
    }
    throw new AssertionError(f + ": unknown label");
  }

  @Test
  void everyCapturedPrimitivePayloadReadsAndWritesBackIdentically() throws Exception {
    List<CapturedFrames.Frame> frames = CapturedFrames.withSerializer(4, 18, 19, 20, 21, 35);
    Set<Integer> seen = new TreeSet<>();
    List<String> checked = new ArrayList<>();
    for (CapturedFrames.Frame f : frames) {
      Object expected = expectedValue(f);
      assertEquals("", f.manifest(), f + ": these serializers send no manifest");

      Object read = serialization.deserialize(f.payload(), f.serializerId(), f.manifest());
      if (expected instanceof byte[]) assertArrayEquals((byte[]) expected, (byte[]) read, f.toString());
      else assertEquals(expected, read, f.toString());

      Serializer s = serialization.findSerializerFor(expected);
      assertEquals(f.serializerId(), s.identifier(), f + ": serializer id");
      assertEquals(f.manifest(), Serializers.manifestFor(s, expected), f + ": manifest");
      assertArrayEquals(f.payload(), serialization.serialize(expected), f + ": array path bytes");

      for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.allocate(4096), ByteBuffer.allocateDirect(4096)}) {
        ((ByteBufferSerializer) s).toBinary(expected, buf);
        buf.flip();
        byte[] written = new byte[buf.remaining()];
        buf.duplicate().get(written);
        assertArrayEquals(f.payload(), written, f + ": buffer path bytes (" + (buf.isDirect() ? "direct" : "heap") + ")");
        Object back = serialization.deserializeByteBuffer(buf, f.serializerId(), f.manifest());
        if (expected instanceof byte[]) assertArrayEquals((byte[]) expected, (byte[]) back, f.toString());
        else assertEquals(expected, back, f.toString());
      }
      seen.add(f.serializerId());
      checked.add(f.label());
    }
    assertEquals(Set.of(4, 18, 19, 20, 21, 35), seen, "every built-in serializer is in the capture");
    assertTrue(checked.size() >= 20, "checked " + checked);
  }

  @Test
  void largeByteStringPayloadIsTheCountingPattern() throws Exception {
    CapturedFrames.Frame large = CapturedFrames.withSerializer(21).stream()
        .filter(f -> f.payload().length == 2000).findFirst().orElseThrow(() -> new AssertionError("no 2000-byte frame"));
    ByteBuffer read = (ByteBuffer) serialization.deserialize(large.payload(), 21, "");
    for (int i = 0; i < 2000; i++) assertEquals((byte) i, read.get(i), "byte " + i);
  }
}

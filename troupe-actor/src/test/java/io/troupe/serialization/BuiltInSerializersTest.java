package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorSystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in serializer: Pekko's id, no manifest, its byte layout, and a round trip through the extension. */
class BuiltInSerializersTest {
  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("BuiltInSerializersTest");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    Systems.terminate(system);
  }

  private static Object roundTrip(Object o) throws Exception {
    Serializer s = serialization.findSerializerFor(o);
    byte[] bytes = serialization.serialize(o);
    return serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, o));
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  void idsAndManifestsArePekkos() {
    Map<Object, Integer> expected = Map.of(
        "s", 20, 1L, 18, 1, 19, true, 35, new byte[0], 4, ByteBuffer.allocate(1), 21);
    for (Map.Entry<Object, Integer> e : expected.entrySet()) {
      Serializer s = serialization.findSerializerFor(e.getKey());
      assertEquals(e.getValue(), s.identifier(), "id of the serializer for " + e.getKey().getClass());
      assertFalse(s.includeManifest(), "manifest of " + e.getKey().getClass());
      assertEquals("", Serializers.manifestFor(s, e.getKey()));
      assertTrue(s instanceof ByteBufferSerializer, s.getClass() + " writes into buffers");
    }
    assertSame(NullSerializer.INSTANCE, serialization.findSerializerFor(null));
    assertTrue(serialization.serializerByIdentity().get(1) instanceof DisabledJavaSerializer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "hello", "grüße", "日本語", "emoji \uD83C\uDFAD", "lone \uD800 surrogate"})
  void stringIsUtf8WithoutPrefix(String s) throws Exception {
    assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), serialization.serialize(s));
    assertEquals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), roundTrip(s));
  }

  @Test
  void longIsEightBytesLittleEndian() throws Exception {
    assertArrayEquals(hex("2a00000000000000"), serialization.serialize(42L));
    assertArrayEquals(hex("feffffffffffffff"), serialization.serialize(-2L));
    assertArrayEquals(hex("0100000000000080"), serialization.serialize(Long.MIN_VALUE + 1));
    for (long v : new long[] {0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L}) {
      assertEquals(v, roundTrip(v));
    }
  }

  @Test
  void integerIsFourBytesLittleEndian() throws Exception {
    assertArrayEquals(hex("07000000"), serialization.serialize(7));
    assertArrayEquals(hex("ffffff7f"), serialization.serialize(Integer.MAX_VALUE));
    for (int v : new int[] {0, 1, -1, 7, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x01020304}) {
      assertEquals(v, roundTrip(v));
    }
  }

  @Test
  void booleanIsOneByte() throws Exception {
    assertArrayEquals(hex("01"), serialization.serialize(true));
    assertArrayEquals(hex("00"), serialization.serialize(false));
    assertEquals(true, roundTrip(true));
    assertEquals(false, roundTrip(false));
    assertThrows(IllegalArgumentException.class, () -> serialization.deserialize(hex("02"), 35, ""));
  }

  @Test
  void byteArrayIsItself() throws Exception {
    byte[] a = {1, 2, 3};
    assertSame(a, serialization.serialize(a));
    assertArrayEquals(a, (byte[]) roundTrip(a));
    assertArrayEquals(new byte[0], (byte[]) roundTrip(new byte[0]));
  }

  @Test
  void byteBufferIsItsRemainingBytesAndKeepsItsPosition() throws Exception {
    ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 'b', 's', 9}, 1, 2);
    assertArrayEquals(hex("6273"), serialization.serialize(b));
    assertEquals(1, b.position(), "serializing must not consume the message");
    ByteBuffer back = (ByteBuffer) roundTrip(b);
    assertEquals(b, back);
    ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {4, 5, 6}).flip();
    assertArrayEquals(hex("040506"), serialization.serialize(direct));
  }

  @Test
  void nullIsZeroBytesWithIdZero() throws Exception {
    assertArrayEquals(new byte[0], serialization.serialize(null));
    assertNull(serialization.deserialize(new byte[0], 0, ""));
  }

  @Test
  void wrongLengthsAreRejectedNamingTheLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serialization.deserialize(new byte[3], 18, ""));
    assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> serialization.deserialize(new byte[5], 19, ""));
    assertThrows(IllegalArgumentException.class, () -> serialization.deserialize(new byte[0], 35, ""));
  }

  @Test
  void unknownSerializerIdIsNotSerializableNamingTheIdAndTheSetting() {
    java.io.NotSerializableException e = assertThrows(java.io.NotSerializableException.class,
        () -> serialization.deserialize(new byte[1], 777, "m"));
    assertTrue(e.getMessage().contains("[777]") && e.getMessage().contains("troupe.actor.serializers"), e.getMessage());
    assertThrows(java.io.NotSerializableException.class,
        () -> serialization.deserializeByteBuffer(ByteBuffer.allocate(1), 5000, ""));
  }

  @Test
  void deserializeByClassUsesTheBoundSerializer() throws Exception {
    assertEquals("x", serialization.deserialize("x".getBytes(StandardCharsets.UTF_8), String.class));
    assertEquals(5L, serialization.deserialize(hex("0500000000000000"), Long.class));
  }

  @Test
  void deserializeByteBufferReadsHeapAndDirectBuffers() throws Exception {
    ByteBuffer heap = ByteBuffer.wrap(hex("2a00000000000000"));
    assertEquals(42L, serialization.deserializeByteBuffer(heap, 18, ""));
    ByteBuffer direct = ByteBuffer.allocateDirect(5).put("hello".getBytes(StandardCharsets.UTF_8)).flip();
    assertEquals("hello", serialization.deserializeByteBuffer(direct, 20, ""));
    assertEquals(0, direct.remaining(), "the whole payload is consumed");
  }

  @Test
  void referenceConfigurationDefinesExactlyTheBuiltIns() {
    SerializationSettings s = system.settings().serialization();
    assertEquals(java.util.Set.of("java", "bytes", "primitive-long", "primitive-int", "primitive-string",
        "primitive-bytestring", "primitive-boolean"), s.serializers().keySet());
    assertEquals(Map.of("io.troupe.serialization.JavaSerializer", 1, "io.troupe.serialization.ByteArraySerializer", 4,
        "primitive-long", 18, "primitive-int", 19, "primitive-string", 20, "primitive-bytestring", 21,
        "primitive-boolean", 35), s.identifiers());
    assertFalse(s.allowJavaSerialization());
    assertTrue(s.warnAboutJavaSerializerUsage());
    assertFalse(system.settings().serializeMessages());
    assertFalse(system.settings().serializeCreators());
    for (String serializerName : s.bindings().values()) assertTrue(s.serializers().containsKey(serializerName));
  }
}

package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.actor.ActorSystem;
import java.lang.management.ManagementFactory;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link ByteBufferSerializer} side of the built-ins: the same bytes as the array path in heap and direct buffers of
 * either byte order, overflow reported, and no allocation per message for the primitives (measured with the JVM's
 * per-thread allocation counter, not with time).
 */
class ByteBufferPathTest {
  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("ByteBufferPathTest");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    Systems.terminate(system);
  }

  private static final List<Object> SAMPLES = List.of(
      "plain", "grüße \uD83C\uDFAD", 0x0102030405060708L, -5L, 0x01020304, -1, true, false, new byte[] {1, 2, 3},
      ByteBuffer.wrap(new byte[] {7, 8, 9}));

  private static ByteBufferSerializer bufferSerializer(Object o) {
    return (ByteBufferSerializer) serialization.findSerializerFor(o);
  }

  @Test
  void bufferPathWritesTheArrayPathBytesInAnyBufferAndOrder() throws Exception {
    for (Object o : SAMPLES) {
      byte[] expected = serialization.serialize(o);
      for (boolean direct : new boolean[] {false, true}) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
          ByteBuffer buf = (direct ? ByteBuffer.allocateDirect(64) : ByteBuffer.allocate(64)).order(order);
          buf.position(5); // not at the start: the serializer writes from the position
          bufferSerializer(o).toBinary(o, buf);
          assertEquals(5 + expected.length, buf.position(), o + " advances the position by its length");
          byte[] written = new byte[expected.length];
          buf.get(5, written);
          String where = o.getClass().getSimpleName() + (direct ? " direct " : " heap ") + order;
          assertArrayEquals(expected, written, where);
          buf.limit(buf.position()).position(5);
          Object back = bufferSerializer(o).fromBinary(buf, "");
          if (o instanceof byte[]) assertArrayEquals((byte[]) o, (byte[]) back, where);
          else assertEquals(o, back, where);
          assertEquals(0, buf.remaining(), where + ": reads to the limit");
        }
      }
    }
  }

  @Test
  void tooSmallABufferOverflows() {
    for (Object o : SAMPLES) {
      ByteBuffer tiny = ByteBuffer.allocate(0);
      assertThrows(BufferOverflowException.class, () -> bufferSerializer(o).toBinary(o, tiny), o.toString());
    }
    ByteBuffer two = ByteBuffer.allocate(2);
    // a three-byte character must not be split
    assertThrows(BufferOverflowException.class, () -> bufferSerializer("€").toBinary("€", two));
  }

  @Test
  void primitivesAllocateNothingPerMessage() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled());

    // the messages exist before measuring; only the serializer's own allocation counts
    List<Object> messages = List.of("ascii text", "grüße 日本 \uD83C\uDFAD", 123456789012L, 123456789, Boolean.TRUE,
        new byte[32], ByteBuffer.allocate(32), ByteBuffer.allocateDirect(32));
    for (boolean direct : new boolean[] {false, true}) {
      ByteBuffer buf = direct ? ByteBuffer.allocateDirect(256) : ByteBuffer.allocate(256);
      for (Object m : messages) {
        ByteBufferSerializer s = bufferSerializer(m);
        for (int i = 0; i < 20_000; i++) { // warm up, so the loop below runs compiled code
          buf.clear();
          s.toBinary(m, buf);
        }
        long tid = Thread.currentThread().getId();
        long before = hs.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
          buf.clear();
          s.toBinary(m, buf);
        }
        long allocated = hs.getThreadAllocatedBytes(tid) - before;
        // one 16-byte object per call would be 160 000 bytes; allow the counter's own small noise
        assertTrue(allocated < 8_192, m.getClass().getSimpleName() + " into a " + (direct ? "direct" : "heap")
            + " buffer allocated " + allocated + " bytes for 10 000 messages");
      }
    }
  }
}

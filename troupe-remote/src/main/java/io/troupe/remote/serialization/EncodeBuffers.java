package io.troupe.remote.serialization;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The array path of the serializers here: encode through the buffer path into a per-thread scratch buffer, then copy
 * the bytes out, so {@code toBinary(Object)} allocates the result array and nothing else in the common case. A call
 * nested inside another on the same thread (a serializer of an enclosed message that calls back into the array
 * path) gets a buffer of its own. A body that does not fit doubles the buffer and starts again; buffers larger than
 * {@link #KEEP_BYTES} are not kept.
 */
final class EncodeBuffers {
  private EncodeBuffers() {}

  /** Writes a body at the buffer's position; throws {@link BufferOverflowException} when it does not fit. */
  @FunctionalInterface
  interface BodyWriter {
    void write(Object o, ByteBuffer b);
  }

  private static final int INITIAL_BYTES = 1024;
  private static final int KEEP_BYTES = 64 * 1024;
  /** No serialized message may be larger; Artery's largest frames are far smaller. */
  static final int MAX_BYTES = 1 << 30;

  private static final ThreadLocal<ByteBuffer[]> SPARE = ThreadLocal.withInitial(() -> new ByteBuffer[1]);

  /**
   * The bytes {@code writer} produces for {@code o}.
   *
   * @throws IllegalArgumentException when they would exceed {@link #MAX_BYTES}
   */
  static byte[] toArray(Object o, BodyWriter writer) {
    ByteBuffer[] spare = SPARE.get();
    ByteBuffer b = spare[0];
    spare[0] = null;
    if (b == null) b = ByteBuffer.allocate(INITIAL_BYTES);
    try {
      while (true) {
        b.clear();
        try {
          writer.write(o, b);
          return Arrays.copyOf(b.array(), b.position());
        } catch (BufferOverflowException e) {
          if (b.capacity() >= MAX_BYTES) {
            throw new IllegalArgumentException("The serialized form of [" + o.getClass().getName() + "] is larger than "
                + MAX_BYTES + " bytes");
          }
          b = ByteBuffer.allocate((int) Math.min(MAX_BYTES, 2L * b.capacity()));
        }
      }
    } finally {
      if (b.capacity() <= KEEP_BYTES) spare[0] = b;
    }
  }
}

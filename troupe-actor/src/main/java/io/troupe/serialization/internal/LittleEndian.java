package io.troupe.serialization.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian reads and writes on arrays and on buffers of either byte order, without changing the buffer's order
 * and without allocating. Pekko's primitive serializers are little-endian on the wire (spec §9.1), while
 * {@link ByteBuffer}s start out big-endian.
 */
public final class LittleEndian {
  private LittleEndian() {}

  public static void putLong(ByteBuffer buf, long v) {
    buf.putLong(buf.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v));
  }

  public static long getLong(ByteBuffer buf) {
    long v = buf.getLong();
    return buf.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
  }

  public static void putInt(ByteBuffer buf, int v) {
    buf.putInt(buf.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v));
  }

  public static int getInt(ByteBuffer buf) {
    int v = buf.getInt();
    return buf.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
  }

  public static void putLong(byte[] a, int off, long v) {
    for (int i = 0; i < 8; i++) {
      a[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  public static long getLong(byte[] a, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | (a[off + i] & 0xFFL);
    return v;
  }

  public static void putInt(byte[] a, int off, int v) {
    for (int i = 0; i < 4; i++) {
      a[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  public static int getInt(byte[] a, int off) {
    int v = 0;
    for (int i = 3; i >= 0; i--) v = (v << 8) | (a[off + i] & 0xFF);
    return v;
  }
}

package io.troupe.remote.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes proto2 fields straight into a buffer, in the order called (Pekko writes in field-number order). Nested
 * messages are length-prefixed by reserving the varint size up front: {@link #beginNested} / {@link #endNested}
 * write a fixed 1-, 2- or 3-byte length so no second pass or temporary array is needed.
 */
public final class ProtoWriter {
  private ProtoWriter() {}

  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LENGTH_DELIMITED = 2;
  public static final int FIXED32 = 5;

  public static void tag(ByteBuffer b, int field, int wireType) {
    varint(b, (field << 3) | wireType);
  }

  public static void varint(ByteBuffer b, long v) {
    while ((v & ~0x7FL) != 0) {
      b.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.put((byte) v);
  }

  public static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }

  public static void uint64(ByteBuffer b, int field, long v) {
    tag(b, field, VARINT);
    varint(b, v);
  }

  /** int32 fields: negative values are sign-extended to 10 bytes, as protobuf requires. */
  public static void int32(ByteBuffer b, int field, int v) {
    tag(b, field, VARINT);
    varint(b, (long) v);
  }

  public static void uint32(ByteBuffer b, int field, int v) {
    tag(b, field, VARINT);
    varint(b, v & 0xFFFFFFFFL);
  }

  public static void bool(ByteBuffer b, int field, boolean v) {
    tag(b, field, VARINT);
    b.put((byte) (v ? 1 : 0));
  }

  public static void string(ByteBuffer b, int field, String s) {
    bytes(b, field, s.getBytes(StandardCharsets.UTF_8));
  }

  public static void bytes(ByteBuffer b, int field, byte[] v) {
    tag(b, field, LENGTH_DELIMITED);
    varint(b, v.length);
    b.put(v);
  }

  public static void bytes(ByteBuffer b, int field, ByteBuffer v) {
    tag(b, field, LENGTH_DELIMITED);
    varint(b, v.remaining());
    b.put(v.duplicate());
  }

  /**
   * Starts a nested message of at most {@code maxLength} bytes; returns a mark for {@link #endNested}, which writes
   * the real length in its minimal varint form (moving the body down when the reservation was larger), so the bytes
   * equal protobuf's own encoding.
   */
  public static long beginNested(ByteBuffer b, int field, int maxLength) {
    tag(b, field, LENGTH_DELIMITED);
    int lenBytes = varintSize(maxLength);
    int at = b.position();
    b.position(at + lenBytes);
    return ((long) at << 8) | lenBytes;
  }

  /** Writes the length of the nested message begun at {@code mark}, shifting the body if fewer bytes suffice. */
  public static void endNested(ByteBuffer b, long mark) {
    int at = (int) (mark >>> 8);
    int reserved = (int) (mark & 0xff);
    int bodyStart = at + reserved;
    int len = b.position() - bodyStart;
    int need = varintSize(len);
    if (need < reserved) {
      // move the body down so the length is minimal (byte-identical to protobuf's own encoding)
      ByteBuffer body = b.duplicate();
      body.position(bodyStart).limit(bodyStart + len);
      ByteBuffer dst = b.duplicate();
      dst.position(at + need);
      dst.put(body.slice());
      b.position(at + need + len);
    }
    int p = at;
    long v = len;
    while ((v & ~0x7FL) != 0) {
      b.put(p++, (byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.put(p, (byte) v);
  }

  /** A nested message written by {@code body}. */
  public static void nested(ByteBuffer b, int field, int maxLength, java.util.function.Consumer<ByteBuffer> body) {
    long mark = beginNested(b, field, maxLength);
    body.accept(b);
    endNested(b, mark);
  }
}

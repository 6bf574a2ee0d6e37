package io.troupe.remote.codec;

import io.troupe.serialization.internal.Utf8;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes proto2 fields straight into a buffer, in the order called (Pekko writes in field-number order). Nested
 * messages are length-prefixed by reserving the varint size up front: {@link #beginNested} / {@link #endNested}
 * write a fixed 1-, 2- or 3-byte length so no second pass or temporary array is needed.
 *
 * <p>Every method throws {@link BufferOverflowException} when the buffer has no room left (the position may then be
 * anywhere), so callers can retry with a larger buffer as the {@code ByteBufferSerializer} contract expects.
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

  /** A string field as UTF-8, encoded straight into the buffer (the bytes of {@code String.getBytes(UTF_8)}). */
  public static void string(ByteBuffer b, int field, String s) {
    tag(b, field, LENGTH_DELIMITED);
    varint(b, utf8Length(s));
    Utf8.encode(s, b);
  }

  /** The length of {@code s} in UTF-8 as {@code String.getBytes(UTF_8)} encodes it (an unpaired surrogate is one byte). */
  public static int utf8Length(String s) {
    int len = s.length();
    int n = len;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) {
        n += 1;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 2; // 4 bytes for the pair of chars
        i++;
      } else if (!Character.isSurrogate(c)) {
        n += 2;
      }
    }
    return n;
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
    if (b.remaining() < lenBytes) throw new BufferOverflowException();
    b.position(at + lenBytes);
    return ((long) at << 8) | lenBytes;
  }

  /** {@link #beginNested(ByteBuffer, int, int)} reserving enough for anything that still fits into the buffer. */
  public static long beginNested(ByteBuffer b, int field) {
    return beginNested(b, field, b.remaining());
  }

  /** Bodies up to this size are moved byte by byte, which allocates nothing; larger ones with a bulk copy. */
  private static final int SMALL_MOVE_BYTES = 256;

  /** Writes the length of the nested message begun at {@code mark}, shifting the body if fewer bytes suffice. */
  public static void endNested(ByteBuffer b, long mark) {
    int at = (int) (mark >>> 8);
    int reserved = (int) (mark & 0xff);
    int bodyStart = at + reserved;
    int len = b.position() - bodyStart;
    int need = varintSize(len);
    if (need > reserved) {
      // the body outgrew the reservation: move it up (rare; callers reserve for the largest body they expect)
      if (b.limit() - b.position() < need - reserved) throw new BufferOverflowException();
      ByteBuffer body = b.duplicate();
      body.position(bodyStart).limit(bodyStart + len);
      ByteBuffer copy = ByteBuffer.allocate(len);
      copy.put(body).flip();
      ByteBuffer dst = b.duplicate();
      dst.position(at + need);
      dst.put(copy);
      b.position(at + need + len);
    } else if (need < reserved) {
      // move the body down so the length is minimal (byte-identical to protobuf's own encoding)
      int to = at + need;
      if (len <= SMALL_MOVE_BYTES) {
        for (int i = 0; i < len; i++) b.put(to + i, b.get(bodyStart + i)); // ascending: safe when moving down
      } else {
        ByteBuffer body = b.duplicate();
        body.position(bodyStart).limit(bodyStart + len);
        ByteBuffer dst = b.duplicate();
        dst.position(to);
        dst.put(body.slice());
      }
      b.position(to + len);
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

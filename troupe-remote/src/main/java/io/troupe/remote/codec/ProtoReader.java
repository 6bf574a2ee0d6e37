package io.troupe.remote.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads proto2 fields from a buffer slice with bounds checks: every malformed input ends in
 * {@link MalformedFrameException}, never in another exception, and no read allocates more than the bytes present.
 */
public final class ProtoReader {
  private final ByteBuffer b;
  private final int limit;
  private int fieldNumber;
  private int wireType;

  /** Reads {@code b} from its position to its limit. */
  public ProtoReader(ByteBuffer b) {
    this.b = b.duplicate();
    this.limit = this.b.limit();
  }

  private ProtoReader(ByteBuffer b, int from, int to) {
    this.b = b.duplicate();
    this.b.limit(to).position(from);
    this.limit = to;
  }

  /** Advances to the next field; false at the end. */
  public boolean next() {
    if (b.position() >= limit) return false;
    long key = readVarint();
    if (key > Integer.MAX_VALUE || key <= 0) throw new MalformedFrameException("invalid protobuf field key [" + key + "]");
    fieldNumber = (int) (key >>> 3);
    wireType = (int) (key & 7);
    if (fieldNumber == 0) throw new MalformedFrameException("protobuf field number 0");
    return true;
  }

  public int field() { return fieldNumber; }

  public int wireType() { return wireType; }

  public long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (b.position() >= limit) throw new MalformedFrameException("protobuf varint runs past the end");
      byte x = b.get();
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) return result;
    }
    throw new MalformedFrameException("protobuf varint longer than 10 bytes");
  }

  private void expect(int wt) {
    if (wireType != wt) {
      throw new MalformedFrameException("protobuf field " + fieldNumber + " has wire type " + wireType + ", expected " + wt);
    }
  }

  public long uint64() {
    expect(ProtoWriter.VARINT);
    return readVarint();
  }

  public int int32() {
    expect(ProtoWriter.VARINT);
    return (int) readVarint();
  }

  public int uint32() {
    expect(ProtoWriter.VARINT);
    long v = readVarint();
    return (int) v;
  }

  public boolean bool() {
    expect(ProtoWriter.VARINT);
    return readVarint() != 0;
  }

  private int length() {
    expect(ProtoWriter.LENGTH_DELIMITED);
    long n = readVarint();
    if (n < 0 || n > limit - b.position()) {
      throw new MalformedFrameException("protobuf field " + fieldNumber + " length [" + n + "] runs past the end ("
          + (limit - b.position()) + " bytes left)");
    }
    return (int) n;
  }

  public byte[] bytes() {
    int n = length();
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  /** The field's bytes as a slice, without copying. */
  public ByteBuffer slice() {
    int n = length();
    ByteBuffer s = b.duplicate();
    s.limit(b.position() + n);
    s = s.slice().order(b.order());
    b.position(b.position() + n);
    return s;
  }

  public String string() {
    int n = length();
    if (b.hasArray()) {
      String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
      b.position(b.position() + n);
      return s;
    }
    return new String(bytesAt(n), StandardCharsets.UTF_8);
  }

  private byte[] bytesAt(int n) {
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  /** A reader over a nested message. */
  public ProtoReader nested() {
    int n = length();
    int from = b.position();
    b.position(from + n);
    return new ProtoReader(b, from, from + n);
  }

  /** Skips the current field of any wire type. */
  public void skip() {
    switch (wireType) {
      case ProtoWriter.VARINT: readVarint(); break;
      case ProtoWriter.FIXED64: advance(8); break;
      case ProtoWriter.LENGTH_DELIMITED: advance(length()); break;
      case ProtoWriter.FIXED32: advance(4); break;
      default: throw new MalformedFrameException("unsupported protobuf wire type " + wireType + " (field " + fieldNumber + ")");
    }
  }

  private void advance(int n) {
    if (n > limit - b.position()) throw new MalformedFrameException("protobuf field " + fieldNumber + " runs past the end");
    b.position(b.position() + n);
  }

  /** Reads a repeated uint32 field occurrence, packed or not, adding to {@code out}. */
  public void repeatedUint32(java.util.List<Integer> out) {
    if (wireType == ProtoWriter.LENGTH_DELIMITED) {
      ProtoReader r = nested();
      while (r.b.position() < r.limit) out.add((int) r.readVarint());
    } else {
      out.add(uint32());
    }
  }

  public static MalformedFrameException missing(String message, String field) {
    return new MalformedFrameException(message + ": required field [" + field + "] is missing");
  }
}

package io.troupe.remote.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A decoded envelope header, reused per connection to avoid allocation: the fixed fields, the three tags with their
 * literal values, and where the payload lies in the frame.
 */
public final class EnvelopeHeader {
  public int version;
  public int flags;
  public int actorRefTableVersion;
  public int manifestTableVersion;
  public long originUid;
  public int serializerId;
  public int senderTag;
  public int recipientTag;
  public int manifestTag;
  /** Literal values; null when the tag is compressed. Empty means "none" for sender and recipient. */
  public String senderLiteral;
  public String recipientLiteral;
  public String manifestLiteral;
  /** Offset of the payload in the frame, and its length. */
  public int payloadOffset;
  public int payloadLength;
  /** The buffer of the last frame whose payload was asked for, and the view of it the payload is returned in. */
  private ByteBuffer payloadSource;
  private ByteBuffer payloadView;

  ByteBuffer payloadView(ByteBuffer frame, int start, int length) {
    ByteBuffer v = payloadView;
    if (payloadSource != frame) {
      payloadSource = frame;
      v = payloadView = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
    v.limit(v.capacity()).position(start);
    v.limit(start + length);
    return v;
  }

  /** The literals decoded last, so that a repeated one is the same String again (no allocation, its hash cached). */
  final Literals literals = new Literals();

  /**
   * Per slot (sender, recipient, manifest) the last {@link #SIZE} distinct literals and their bytes: a frame's literal
   * is copied into a scratch array and compared with them; only a new one becomes a new String.
   */
  static final class Literals {
    private static final int SIZE = 8;
    private final byte[][][] bytes = new byte[3][SIZE][];
    private final String[][] strings = new String[3][SIZE];
    private final int[] next = new int[3];
    private byte[] scratch = new byte[256];

    String get(ByteBuffer b, int from, int n, int slot) {
      if (scratch.length < n) scratch = new byte[Math.max(n, scratch.length * 2)];
      byte[] in = scratch;
      b.get(from, in, 0, n);
      byte[][] known = bytes[slot];
      for (int i = 0; i < SIZE; i++) {
        byte[] k = known[i];
        if (k != null && k.length == n && Arrays.equals(k, 0, n, in, 0, n)) return strings[slot][i];
      }
      // ISO-8859-1: every byte one char, as the wire's ASCII literals are read
      String s = new String(in, 0, n, StandardCharsets.ISO_8859_1);
      int i = next[slot];
      known[i] = Arrays.copyOf(in, n);
      strings[slot][i] = s;
      next[slot] = (i + 1) & (SIZE - 1);
      return s;
    }
  }

  public boolean senderCompressed() { return EnvelopeDescriptor.isCompressed(senderTag); }
  public boolean recipientCompressed() { return EnvelopeDescriptor.isCompressed(recipientTag); }
  public boolean manifestCompressed() { return EnvelopeDescriptor.isCompressed(manifestTag); }
  public int senderIndex() { return senderTag & EnvelopeDescriptor.TAG_VALUE_MASK; }
  public int recipientIndex() { return recipientTag & EnvelopeDescriptor.TAG_VALUE_MASK; }
  public int manifestIndex() { return manifestTag & EnvelopeDescriptor.TAG_VALUE_MASK; }

  public void clear() {
    version = flags = actorRefTableVersion = manifestTableVersion = 0;
    originUid = 0;
    serializerId = senderTag = recipientTag = manifestTag = 0;
    senderLiteral = recipientLiteral = manifestLiteral = null;
    payloadOffset = payloadLength = 0;
  }

  @Override
  public String toString() {
    return "EnvelopeHeader(v" + version + " uid=" + originUid + " ser=" + serializerId + " sender="
        + (senderCompressed() ? "#" + senderIndex() : senderLiteral) + " recipient="
        + (recipientCompressed() ? "#" + recipientIndex() : recipientLiteral) + " manifest="
        + (manifestCompressed() ? "#" + manifestIndex() : manifestLiteral) + " payload=" + payloadLength + "B)";
  }
}

package io.troupe.remote.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes frames: length prefix, envelope header and literals (spec 1.4, 2). The payload is written by the caller
 * between {@link #writeHeader} and {@link #endFrame}, straight into the same buffer. Stateless.
 */
public final class EnvelopeWriter {
  private EnvelopeWriter() {}

  /** Reserves the length prefix; returns the frame's start position for {@link #endFrame}. */
  public static int beginFrame(ByteBuffer out) {
    int start = out.position();
    out.position(start + FrameDescriptor.LENGTH_FIELD_LENGTH);
    return start;
  }

  /** Patches the length prefix of the frame that began at {@code start}; returns the envelope length. */
  public static int endFrame(ByteBuffer out, int start) {
    int len = out.position() - start - FrameDescriptor.LENGTH_FIELD_LENGTH;
    out.order(ByteOrder.LITTLE_ENDIAN).putInt(start, len);
    return len;
  }

  /**
   * Writes the fixed header and the literals of a frame whose envelope starts at the buffer's position.
   *
   * @param senderIndex index into the peer's actor-ref table, or -1 to write {@code sender} as a literal
   *     ({@code ""} for no sender)
   * @param recipientIndex likewise for {@code recipient} ({@code ""} for no recipient)
   * @param manifestIndex likewise for {@code manifest}
   * @throws IllegalArgumentException when a literal is too long or not ASCII
   */
  public static void writeHeader(ByteBuffer out, long originUid, int serializerId, int actorRefTableVersion,
                                 int manifestTableVersion, String sender, int senderIndex, String recipient,
                                 int recipientIndex, String manifest, int manifestIndex) {
    ByteBuffer b = out.order(ByteOrder.LITTLE_ENDIAN);
    int base = b.position();
    b.put(EnvelopeDescriptor.CURRENT_VERSION);
    b.put((byte) 0);
    b.put((byte) actorRefTableVersion);
    b.put((byte) manifestTableVersion);
    b.putLong(originUid);
    b.putInt(serializerId);
    int p = EnvelopeDescriptor.LITERALS_OFFSET;
    int senderTag = senderIndex >= 0 ? EnvelopeDescriptor.compressedTag(senderIndex) : p;
    if (senderIndex < 0) p += 2 + checkedLength(sender, "sender");
    int recipientTag = recipientIndex >= 0 ? EnvelopeDescriptor.compressedTag(recipientIndex) : p;
    if (recipientIndex < 0) p += 2 + checkedLength(recipient, "recipient");
    int manifestTag = manifestIndex >= 0 ? EnvelopeDescriptor.compressedTag(manifestIndex) : p;
    b.putInt(senderTag);
    b.putInt(recipientTag);
    b.putInt(manifestTag);
    LiteralCache literals = LITERALS.get();
    if (senderIndex < 0) putLiteral(b, sender, literals);
    if (recipientIndex < 0) putLiteral(b, recipient, literals);
    if (manifestIndex < 0) putLiteral(b, manifest == null ? "" : manifest, literals);
    assert b.position() >= base + EnvelopeDescriptor.HEADER_LENGTH;
  }

  /** Convenience: a header with literal tags only and table versions 0. */
  public static void writeHeader(ByteBuffer out, long originUid, int serializerId, String sender, String recipient, String manifest) {
    writeHeader(out, originUid, serializerId, 0, 0, sender, -1, recipient, -1, manifest, -1);
  }

  private static int checkedLength(String s, String what) {
    int n = s == null ? 0 : s.length();
    if (n > EnvelopeDescriptor.MAX_LITERAL_LENGTH) {
      throw new IllegalArgumentException(what + " literal of " + n + " characters exceeds " + EnvelopeDescriptor.MAX_LITERAL_LENGTH);
    }
    return n;
  }

  private static void putLiteral(ByteBuffer b, String s, LiteralCache literals) {
    if (s == null || s.isEmpty()) {
      b.putShort((short) 0);
      return;
    }
    byte[] ascii = literals.bytesOf(s);
    b.putShort((short) ascii.length);
    b.put(ascii);
  }

  /**
   * The ASCII bytes of the literals written last on this thread, by identity: consecutive frames mostly repeat the
   * same sender and recipient path strings (cached by the refs), so their bytes are copied in bulk instead of being
   * converted and checked character by character.
   */
  private static final ThreadLocal<LiteralCache> LITERALS = ThreadLocal.withInitial(LiteralCache::new);

  private static final class LiteralCache {
    private static final int SIZE = 8;
    private final String[] strings = new String[SIZE];
    private final byte[][] bytes = new byte[SIZE][];
    private int next;

    byte[] bytesOf(String s) {
      for (int i = 0; i < SIZE; i++) {
        if (strings[i] == s) return bytes[i];
      }
      byte[] b = ascii(s);
      strings[next] = s;
      bytes[next] = b;
      next = (next + 1) & (SIZE - 1);
      return b;
    }

    private static byte[] ascii(String s) {
      int n = s.length();
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c > 0x7f) throw new IllegalArgumentException("literal [" + s + "] has a non-ASCII character at " + i);
        b[i] = (byte) c;
      }
      return b;
    }
  }

  /** The number of bytes a header with these literals takes. */
  public static int headerLength(String sender, String recipient, String manifest) {
    return EnvelopeDescriptor.HEADER_LENGTH + 6 + len(sender) + len(recipient) + len(manifest);
  }

  private static int len(String s) { return s == null ? 0 : s.length(); }
}

package io.troupe.serialization.internal;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 straight into a {@link ByteBuffer}, byte for byte what {@code String.getBytes(UTF_8)} produces (an unpaired
 * surrogate becomes {@code '?'}), without an intermediate array or encoder object.
 */
public final class Utf8 {
  private Utf8() {}

  private static final byte REPLACEMENT = (byte) '?';

  /**
   * Writes {@code s} at the buffer's position and advances it.
   *
   * @throws BufferOverflowException when the encoding does not fit; the position is then unchanged
   */
  public static void encode(String s, ByteBuffer buf) {
    final int len = s.length();
    final int limit = buf.limit();
    int pos = buf.position();
    int i = 0;
    // ASCII run first: the common case, one byte per char
    while (i < len) {
      char c = s.charAt(i);
      if (c >= 0x80) break;
      if (pos >= limit) throw new BufferOverflowException();
      buf.put(pos++, (byte) c);
      i++;
    }
    while (i < len) {
      char c = s.charAt(i++);
      if (c < 0x80) {
        if (pos >= limit) throw new BufferOverflowException();
        buf.put(pos++, (byte) c);
      } else if (c < 0x800) {
        if (pos + 2 > limit) throw new BufferOverflowException();
        buf.put(pos++, (byte) (0xC0 | (c >> 6)));
        buf.put(pos++, (byte) (0x80 | (c & 0x3F)));
      } else if (Character.isHighSurrogate(c) && i < len && Character.isLowSurrogate(s.charAt(i))) {
        int cp = Character.toCodePoint(c, s.charAt(i++));
        if (pos + 4 > limit) throw new BufferOverflowException();
        buf.put(pos++, (byte) (0xF0 | (cp >> 18)));
        buf.put(pos++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
        buf.put(pos++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
        buf.put(pos++, (byte) (0x80 | (cp & 0x3F)));
      } else if (Character.isSurrogate(c)) {
        if (pos >= limit) throw new BufferOverflowException();
        buf.put(pos++, REPLACEMENT);
      } else {
        if (pos + 3 > limit) throw new BufferOverflowException();
        buf.put(pos++, (byte) (0xE0 | (c >> 12)));
        buf.put(pos++, (byte) (0x80 | ((c >> 6) & 0x3F)));
        buf.put(pos++, (byte) (0x80 | (c & 0x3F)));
      }
    }
    buf.position(pos);
  }

  /**
   * Decodes the bytes from the buffer's position to its limit and moves the position to the limit. A heap buffer is
   * decoded in place; a direct buffer is copied once into an array first (a String cannot be built from one).
   */
  public static String decode(ByteBuffer buf) {
    int n = buf.remaining();
    String s;
    if (buf.hasArray()) {
      s = new String(buf.array(), buf.arrayOffset() + buf.position(), n, StandardCharsets.UTF_8);
      buf.position(buf.limit());
    } else {
      byte[] tmp = new byte[n];
      buf.get(tmp);
      s = new String(tmp, StandardCharsets.UTF_8);
    }
    return s;
  }
}

package io.troupe.serialization.jackson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Pekko's Jackson payload compression (spec §9.5): gzip when a payload is larger than the threshold; a reader detects
 * gzip by its magic {@code 1f 8b} whatever it is configured to write. Decompression stops at a configured size, so a
 * small "zip bomb" from a peer cannot exhaust the heap. Pekko's LZ4 format (magic {@code 87 d9 6d f6}) is recognised
 * and refused with a clear message.
 */
final class PayloadCompression {
  private PayloadCompression() {}

  private static final int LZ4_MAGIC = 0x87D96DF6;

  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && bytes[0] == (byte) GZIPInputStream.GZIP_MAGIC
        && bytes[1] == (byte) (GZIPInputStream.GZIP_MAGIC >> 8);
  }

  static boolean isLz4(byte[] bytes) {
    return bytes.length >= 8 && ((bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8
        | (bytes[3] & 0xFF)) == LZ4_MAGIC;
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
    try (GZIPOutputStream zip = new GZIPOutputStream(bos)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with in-memory streams
    }
    return bos.toByteArray();
  }

  /**
   * The payload without compression.
   *
   * @throws NotSerializableException for LZ4, or when the inflated size exceeds {@code maxBytes}
   * @throws IllegalArgumentException when the gzip data is corrupt
   */
  static byte[] decompress(byte[] bytes, long maxBytes, String maxKey) throws NotSerializableException {
    if (isGzip(bytes)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, bytes.length * 4));
      byte[] chunk = new byte[8192];
      long total = 0;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        int n;
        while ((n = in.read(chunk)) != -1) {
          total += n;
          if (total > maxBytes) {
            throw new NotSerializableException("gzip payload of [" + bytes.length + "] bytes inflates beyond " + maxKey
                + " = " + maxBytes + " bytes; refused");
          }
          out.write(chunk, 0, n);
        }
      } catch (NotSerializableException e) {
        throw e;
      } catch (IOException e) {
        throw new IllegalArgumentException("corrupt gzip payload of [" + bytes.length + "] bytes: " + e.getMessage(), e);
      }
      return out.toByteArray();
    }
    if (isLz4(bytes)) {
      throw new NotSerializableException("LZ4-compressed Jackson payload of [" + bytes.length + "] bytes: Troupe does "
          + "not read LZ4; configure the sender's jackson compression.algorithm = off or gzip");
    }
    return bytes;
  }
}

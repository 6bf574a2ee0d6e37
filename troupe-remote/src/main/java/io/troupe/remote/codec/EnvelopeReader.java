package io.troupe.remote.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes an envelope header in place (spec 2.1-2.6). Stateless. */
public final class EnvelopeReader {
  private EnvelopeReader() {}

  /**
   * Decodes the header of {@code frame} (the envelope, from its position to its limit) into {@code h}; the payload
   * is then {@code [h.payloadOffset, h.payloadOffset + h.payloadLength)} relative to the frame's position. Does not
   * move the frame's position.
   *
   * @throws MalformedFrameException when the frame is too short for what its header announces
   */
  public static void read(ByteBuffer frame, EnvelopeHeader h) {
    ByteBuffer b = frame.order() == ByteOrder.LITTLE_ENDIAN ? frame : frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int base = b.position();
    int len = b.remaining();
    if (len < EnvelopeDescriptor.HEADER_LENGTH) {
      throw new MalformedFrameException("envelope of [" + len + "] bytes is shorter than its header ("
          + EnvelopeDescriptor.HEADER_LENGTH + ")");
    }
    h.version = b.get(base + EnvelopeDescriptor.VERSION_OFFSET) & 0xff;
    h.flags = b.get(base + EnvelopeDescriptor.FLAGS_OFFSET) & 0xff;
    h.actorRefTableVersion = b.get(base + EnvelopeDescriptor.ACTOR_REF_TABLE_VERSION_OFFSET);
    h.manifestTableVersion = b.get(base + EnvelopeDescriptor.MANIFEST_TABLE_VERSION_OFFSET);
    h.originUid = b.getLong(base + EnvelopeDescriptor.UID_OFFSET);
    h.serializerId = b.getInt(base + EnvelopeDescriptor.SERIALIZER_OFFSET);
    h.senderTag = b.getInt(base + EnvelopeDescriptor.SENDER_TAG_OFFSET);
    h.recipientTag = b.getInt(base + EnvelopeDescriptor.RECIPIENT_TAG_OFFSET);
    h.manifestTag = b.getInt(base + EnvelopeDescriptor.MANIFEST_TAG_OFFSET);
    int p = EnvelopeDescriptor.LITERALS_OFFSET;
    if ((h.flags & EnvelopeDescriptor.FLAG_METADATA_PRESENT) != 0) {
      if (len < p + 4) throw new MalformedFrameException("envelope ends inside the metadata length");
      int m = b.getInt(base + p);
      if (m < 0 || m > len - p - 4) {
        throw new MalformedFrameException("metadata length [" + m + "] does not fit in the envelope of [" + len + "] bytes");
      }
      p += 4 + m;
    }
    if (EnvelopeDescriptor.isCompressed(h.senderTag)) {
      h.senderLiteral = null;
    } else {
      h.senderLiteral = readLiteral(b, base, p, len, "sender", h.literals, 0);
      p += 2 + h.senderLiteral.length();
    }
    if (EnvelopeDescriptor.isCompressed(h.recipientTag)) {
      h.recipientLiteral = null;
    } else {
      h.recipientLiteral = readLiteral(b, base, p, len, "recipient", h.literals, 1);
      p += 2 + h.recipientLiteral.length();
    }
    if (EnvelopeDescriptor.isCompressed(h.manifestTag)) {
      h.manifestLiteral = null;
    } else {
      h.manifestLiteral = readLiteral(b, base, p, len, "manifest", h.literals, 2);
      p += 2 + h.manifestLiteral.length();
    }
    h.payloadOffset = p;
    h.payloadLength = len - p;
  }

  private static String readLiteral(ByteBuffer b, int base, int p, int len, String what, EnvelopeHeader.Literals cache,
                                    int slot) {
    if (p + 2 > len) throw new MalformedFrameException("envelope ends inside the " + what + " literal length");
    int n = b.getShort(base + p) & 0xffff;
    if (n > EnvelopeDescriptor.MAX_LITERAL_LENGTH) {
      throw new MalformedFrameException(what + " literal length [" + n + "] exceeds " + EnvelopeDescriptor.MAX_LITERAL_LENGTH);
    }
    if (p + 2 + n > len) {
      throw new MalformedFrameException(what + " literal of [" + n + "] bytes runs past the end of the envelope ("
          + len + " bytes)");
    }
    if (n == 0) return "";
    return cache.get(b, base + p + 2, n, slot);
  }

  /**
   * The payload of a frame decoded into {@code h}: a little-endian view of the frame's memory from the payload's first
   * byte (its position, not necessarily 0) to its last (its limit). The view belongs to {@code h} and is reused by its
   * next call for a frame in the same buffer: read the payload before decoding the next frame.
   */
  public static ByteBuffer payload(ByteBuffer frame, EnvelopeHeader h) {
    return h.payloadView(frame, frame.position() + h.payloadOffset, h.payloadLength);
  }
}

package io.troupe.remote.codec;

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

package io.troupe.remote.codec;

/**
 * The envelope (frame body) layout, spec section 2. All integers little-endian.
 *
 * <pre>
 *  0        1        2        3        4                                  12
 * +--------+--------+--------+--------+-----------------------------------+
 * |version | flags  |ref tbl |mfst tbl|        origin UID (int64)         |
 * +--------+--------+--------+--------+-----------------------------------+
 * 12                16                20                24                28
 * +-----------------+-----------------+-----------------+-----------------+
 * | serializer id   |  sender tag     | recipient tag   | manifest tag    |
 * +-----------------+-----------------+-----------------+-----------------+
 * 28: [metadata: int32 M + M bytes, only when flags bit 0] then literals (u16 length + ASCII) for each
 *     literal tag in the order sender, recipient, manifest; then the payload to the end of the frame.
 * </pre>
 *
 * A tag whose top byte is non-zero is compressed: {@code index = tag & 0xFFFF} into the receiver's table. Otherwise
 * it is the offset of the field's literal (informational; literals are read in order).
 */
public final class EnvelopeDescriptor {
  private EnvelopeDescriptor() {}

  public static final int VERSION_OFFSET = 0;
  public static final int FLAGS_OFFSET = 1;
  public static final int ACTOR_REF_TABLE_VERSION_OFFSET = 2;
  public static final int MANIFEST_TABLE_VERSION_OFFSET = 3;
  public static final int UID_OFFSET = 4;
  public static final int SERIALIZER_OFFSET = 12;
  public static final int SENDER_TAG_OFFSET = 16;
  public static final int RECIPIENT_TAG_OFFSET = 20;
  public static final int MANIFEST_TAG_OFFSET = 24;
  public static final int LITERALS_OFFSET = 28;
  /** Bytes before the literals when there is no metadata. */
  public static final int HEADER_LENGTH = 28;

  /** The only envelope version. */
  public static final byte CURRENT_VERSION = 0;
  /** flags bit 0: a metadata section follows the fixed part. */
  public static final int FLAG_METADATA_PRESENT = 0x01;

  public static final int TAG_COMPRESSED_MASK = 0xFF000000;
  public static final int TAG_VALUE_MASK = 0x0000FFFF;

  /** Pekko reads literal lengths as signed 16 bits: longer literals break it. */
  public static final int MAX_LITERAL_LENGTH = 32767;

  public static boolean isCompressed(int tag) {
    return (tag & TAG_COMPRESSED_MASK) != 0;
  }

  public static int compressedTag(int index) {
    return TAG_COMPRESSED_MASK | (index & TAG_VALUE_MASK);
  }
}

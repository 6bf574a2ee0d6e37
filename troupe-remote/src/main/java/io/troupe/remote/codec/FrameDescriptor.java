package io.troupe.remote.codec;

import java.nio.charset.StandardCharsets;

/**
 * Connection preamble and frame layout (spec 1.3, 1.4).
 *
 * <pre>
 * connection:  | 'A' 'K' 'K' 'A' | stream id (1 byte) | frame | frame | ...
 * frame:       | length N (int32 little-endian) | envelope (N bytes) |
 * </pre>
 *
 * The connecting side writes the preamble once; the accepting side never writes anything back.
 */
public final class FrameDescriptor {
  private FrameDescriptor() {}

  /** What Troupe sends: Pekko 1.0-1.6 accept nothing else. */
  public static final byte[] MAGIC_AKKA = "AKKA".getBytes(StandardCharsets.US_ASCII);
  /** Accepted too: reserved by Pekko for 2.x. */
  public static final byte[] MAGIC_PEKK = "PEKK".getBytes(StandardCharsets.US_ASCII);

  public static final int MAGIC_LENGTH = 4;
  public static final int PREAMBLE_LENGTH = 5;
  public static final int LENGTH_FIELD_LENGTH = 4;

  public static final int CONTROL_STREAM_ID = 1;
  public static final int ORDINARY_STREAM_ID = 2;
  public static final int LARGE_STREAM_ID = 3;

  /** A name for logs. */
  public static String streamName(int streamId) {
    switch (streamId) {
      case CONTROL_STREAM_ID: return "control";
      case ORDINARY_STREAM_ID: return "ordinary";
      case LARGE_STREAM_ID: return "large";
      default: return "unknown(" + streamId + ")";
    }
  }
}

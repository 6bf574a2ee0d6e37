package io.troupe.remote.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Splits one inbound connection's bytes into frames (spec 1.3, 1.4). The caller accumulates bytes into a buffer and
 * calls {@link #nextFrame} until it returns null; unconsumed bytes (an incomplete frame) stay in the buffer, so no
 * frame is ever copied here. Not thread-safe: one instance per connection, used by its I/O thread.
 *
 * <p>Limits: a frame longer than {@code maxFrameSizeBytes} is refused before any of it is buffered, which bounds
 * what a peer can make us allocate; a negative or zero length, a wrong magic or an unknown stream id are refused too.
 * Every refusal is a {@link MalformedFrameException}, after which the connection must be closed.
 */
public final class FrameDecoder {
  private final int maxFrameSizeBytes;
  private int streamId = -1;
  /** The input buffer of the last call and the view of it that frames are returned in (no slice per frame). */
  private ByteBuffer source;
  private ByteBuffer view;

  public FrameDecoder(int maxFrameSizeBytes) {
    if (maxFrameSizeBytes < EnvelopeDescriptor.HEADER_LENGTH) {
      throw new IllegalArgumentException("maxFrameSizeBytes = " + maxFrameSizeBytes + " is below the envelope header size");
    }
    this.maxFrameSizeBytes = maxFrameSizeBytes;
  }

  /** The stream id from the preamble, or -1 before it has been read. */
  public int streamId() {
    return streamId;
  }

  /** Bytes still needed before anything can be decoded, as a hint for buffer sizing; 0 when a frame is complete. */
  public int bytesNeeded(ByteBuffer in) {
    if (streamId < 0) return Math.max(0, FrameDescriptor.PREAMBLE_LENGTH - in.remaining());
    if (in.remaining() < FrameDescriptor.LENGTH_FIELD_LENGTH) return FrameDescriptor.LENGTH_FIELD_LENGTH - in.remaining();
    int len = in.order(ByteOrder.LITTLE_ENDIAN).getInt(in.position());
    return Math.max(0, FrameDescriptor.LENGTH_FIELD_LENGTH + len - in.remaining());
  }

  /**
   * Consumes the preamble if not read yet, then returns the next complete frame as a little-endian view of
   * {@code in}, from the envelope's first byte (its position, not necessarily 0) to its last (its limit), without the
   * length prefix, advancing {@code in} past it; returns null and leaves {@code in} untouched from the incomplete
   * part on when more bytes are needed. The view is one object per input buffer, reused for its next frame: use a
   * frame before asking for the next one.
   */
  public ByteBuffer nextFrame(ByteBuffer in) {
    if (streamId < 0) {
      if (in.remaining() < FrameDescriptor.PREAMBLE_LENGTH) return null;
      readPreamble(in);
    }
    if (in.remaining() < FrameDescriptor.LENGTH_FIELD_LENGTH) return null;
    int start = in.position();
    int len = in.order(ByteOrder.LITTLE_ENDIAN).getInt(start);
    if (len < EnvelopeDescriptor.HEADER_LENGTH) {
      throw new MalformedFrameException("frame length [" + len + "] is below the envelope header size ("
          + EnvelopeDescriptor.HEADER_LENGTH + ") on the " + FrameDescriptor.streamName(streamId) + " stream");
    }
    if (len > maxFrameSizeBytes) {
      throw new MalformedFrameException("frame length [" + len + "] exceeds the maximum of " + maxFrameSizeBytes
          + " bytes on the " + FrameDescriptor.streamName(streamId)
          + " stream (troupe.remote.artery.advanced.maximum-frame-size / maximum-large-frame-size)");
    }
    if (in.remaining() < FrameDescriptor.LENGTH_FIELD_LENGTH + len) return null;
    int bodyStart = start + FrameDescriptor.LENGTH_FIELD_LENGTH;
    if (source != in) {
      source = in;
      view = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
    ByteBuffer frame = view;
    frame.limit(frame.capacity()).position(bodyStart);
    frame.limit(bodyStart + len);
    in.position(bodyStart + len);
    return frame;
  }

  private void readPreamble(ByteBuffer in) {
    int p = in.position();
    boolean akka = true, pekk = true;
    for (int i = 0; i < FrameDescriptor.MAGIC_LENGTH; i++) {
      byte b = in.get(p + i);
      akka &= b == FrameDescriptor.MAGIC_AKKA[i];
      pekk &= b == FrameDescriptor.MAGIC_PEKK[i];
    }
    if (!akka && !pekk) {
      throw new MalformedFrameException("connection did not start with the Artery magic AKKA or PEKK: got ["
          + hex(in, p, FrameDescriptor.MAGIC_LENGTH) + "]");
    }
    int id = in.get(p + FrameDescriptor.MAGIC_LENGTH);
    if (id != FrameDescriptor.CONTROL_STREAM_ID && id != FrameDescriptor.ORDINARY_STREAM_ID && id != FrameDescriptor.LARGE_STREAM_ID) {
      throw new MalformedFrameException("unknown stream id [" + id + "] in the connection preamble (expected 1, 2 or 3)");
    }
    streamId = id;
    in.position(p + FrameDescriptor.PREAMBLE_LENGTH);
  }

  static String hex(ByteBuffer b, int from, int n) {
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(' ');
      sb.append(String.format("%02x", b.get(from + i) & 0xff));
    }
    return sb.toString();
  }
}

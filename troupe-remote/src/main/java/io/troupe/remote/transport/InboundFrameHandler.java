package io.troupe.remote.transport;

import java.nio.ByteBuffer;

/**
 * Receives the frames of one inbound connection, on its I/O thread, in order. Must not block. A runtime exception
 * thrown from {@link #onFrame} closes this connection only (after being logged), so handlers catch what is a
 * per-message problem (a payload that fails to deserialize) themselves and throw only for protocol violations.
 */
public interface InboundFrameHandler {
  /** The preamble named the stream; called once before the first frame. */
  void onStream(int streamId);

  /** One frame: the envelope without its length prefix, little-endian, valid only during this call. */
  void onFrame(int streamId, ByteBuffer frame);

  /**
   * Runs {@code frames}, which calls {@link #onFrame} for each frame decoded from one read, exactly once; a handler
   * may wrap it to set up what all those frames share (thread state, deliveries made once per batch).
   */
  default void onFrames(Runnable frames) {
    frames.run();
  }

  /** The connection ended; {@code cause} is null for an orderly close by the peer. */
  void onClosed(Throwable cause);
}

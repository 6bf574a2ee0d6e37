package io.troupe.remote.transport;

import java.nio.ByteBuffer;

/**
 * One outbound TCP (or TLS) connection to a peer, carrying one stream. All methods on the connection's executor only,
 * except {@link #supportsDirectWrites()} and {@link #tryWriteDirect(ByteBuffer)}.
 *
 * <p>Writing: {@link #writeBuffer(int)} hands out a buffer positioned where the next frame goes with at least the
 * requested room; the caller encodes one or more frames into it and calls {@link #commit(ByteBuffer)}; after a batch
 * it calls {@link #flush()} once. Committed bytes are written in order.
 */
public interface OutboundConnection {
  int streamId();

  /** A little-endian buffer with at least {@code minBytes} writable from its position (valid until commit). */
  ByteBuffer writeBuffer(int minBytes);

  /** Queues the bytes from the buffer's position when it was handed out up to its position now. */
  void commit(ByteBuffer buffer);

  /** Sends everything committed. */
  void flush();

  /** False while the socket's send buffer is above its high-water mark: stop producing until it drains. */
  boolean isWritable();

  boolean isOpen();

  /** Closes the connection gracefully after what was flushed. */
  void close();

  /** Bytes written since the connection opened (for counters). */
  long bytesWritten();

  /** True when {@link #tryWriteDirect(ByteBuffer)} can succeed on this connection (plain TCP with direct writes on). */
  default boolean supportsDirectWrites() { return false; }

  /**
   * Any thread but the executor: writes {@code frames} (whole encoded frames, from position to limit) to the socket
   * at once, if the connection is idle: open, its preamble sent, no write by the executor under way and nothing it
   * handed to the socket waiting to go out. Returns false, having written nothing, otherwise. Never blocks: what the
   * socket does not take at once is passed to the executor, and later direct writes wait until it has gone out.
   */
  default boolean tryWriteDirect(ByteBuffer frames) { return false; }
}

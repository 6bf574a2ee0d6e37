package io.troupe.remote.artery;

import io.troupe.remote.transport.OutboundConnection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A sending thread's own buffer for one frame it writes to the socket itself (see {@link Association}'s direct
 * writes): the encoder writes into it as into a connection, and {@link #frame()} hands out what was committed. One per
 * thread, 4 KiB to start with; it grows for a larger frame and is kept up to 256 KiB (the default maximum-frame-size),
 * so that a thread that sends large messages now and then does not allocate a direct buffer for each.
 */
final class DirectFrame implements OutboundConnection {
  private static final int KEEP_BYTES = 256 * 1024;
  private static final ThreadLocal<DirectFrame> FRAMES = ThreadLocal.withInitial(DirectFrame::new);

  private ByteBuffer buffer = newBuffer(4 * 1024);
  private int committed;

  static DirectFrame get() {
    DirectFrame f = FRAMES.get();
    f.committed = 0;
    return f;
  }

  private static ByteBuffer newBuffer(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override public int streamId() { return io.troupe.remote.codec.FrameDescriptor.ORDINARY_STREAM_ID; }

  @Override
  public ByteBuffer writeBuffer(int minBytes) {
    if (buffer.capacity() - committed < minBytes) {
      ByteBuffer bigger = newBuffer(Math.max(committed + minBytes, 2 * buffer.capacity()));
      buffer.limit(committed).position(0);
      bigger.put(buffer);
      buffer = bigger;
    }
    buffer.limit(buffer.capacity()).position(committed);
    return buffer;
  }

  @Override
  public void commit(ByteBuffer b) {
    committed = b.position();
  }

  /** The committed frames, from position 0 to the limit. */
  ByteBuffer frame() {
    buffer.limit(committed).position(0);
    return buffer;
  }

  /** After the frame went out: a buffer grown past {@link #KEEP_BYTES} is dropped. */
  void done() {
    if (buffer.capacity() > KEEP_BYTES) buffer = newBuffer(4 * 1024);
    committed = 0;
  }

  @Override public void flush() { throw new UnsupportedOperationException("a direct frame is written by its association"); }
  @Override public boolean isWritable() { return true; }
  @Override public boolean isOpen() { return true; }
  @Override public void close() {}
  @Override public long bytesWritten() { return 0; }
}

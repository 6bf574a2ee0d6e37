package io.troupe.remote.transport.tcp;

/**
 * What the tcp transport needs from configuration.
 *
 * @param ioThreads I/O threads for connections (0: one per core, at least 2)
 * @param connectTimeoutMillis outbound connect timeout ({@code advanced.tcp.connection-timeout})
 * @param maxFrameSizeBytes the largest inbound frame accepted on any stream; larger ones close the connection
 * @param writeBufferHighWaterMark bytes queued in a connection above which it reports not writable
 * @param outboundChunkBytes size of the pooled buffers frames are encoded into
 */
public record TcpTransportSettings(int ioThreads, int connectTimeoutMillis, int maxFrameSizeBytes,
                                   int writeBufferHighWaterMark, int outboundChunkBytes, boolean directWrites) {
  public TcpTransportSettings {
    if (maxFrameSizeBytes < 32 * 1024) throw new IllegalArgumentException("maxFrameSizeBytes must be at least 32 KiB");
    if (connectTimeoutMillis <= 0) throw new IllegalArgumentException("connectTimeoutMillis must be positive");
  }

  public static TcpTransportSettings defaults() {
    return new TcpTransportSettings(0, 5000, 2 * 1024 * 1024, 1024 * 1024, 64 * 1024, true);
  }
}

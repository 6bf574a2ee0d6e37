package io.troupe.remote.transport;

/** Events of one outbound connection, on its executor. */
public interface ConnectionListener {
  /** The connection closed; {@code cause} is null for an orderly close. */
  void onClosed(OutboundConnection connection, Throwable cause);

  /** The connection can take more writes again after {@link OutboundConnection#isWritable()} was false. */
  default void onWritable(OutboundConnection connection) {}
}

package io.troupe.remote.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A byte transport for Artery frames. Threading contract: each outbound connection is bound to the
 * {@link ScheduledExecutorService} it was opened with (an I/O thread), and every method of
 * {@link OutboundConnection} must be called on that executor; inbound frames are delivered on the I/O thread of
 * their connection, in arrival order. Callbacks must not block.
 */
public interface Transport extends AutoCloseable {

  /**
   * Starts listening on {@code bindHost:bindPort} (port 0: any free port); every accepted connection gets its own
   * handler from {@code inbound}. Completes with the bound socket address.
   */
  CompletionStage<InetSocketAddress> bind(String bindHost, int bindPort, InboundHandlerFactory inbound);

  /**
   * An executor on one I/O thread. Give it to {@link #connect} to keep all of one peer's outbound connections and
   * timers on a single thread, which then owns that peer's state without locks.
   */
  ScheduledExecutorService newAffinityExecutor();

  /**
   * Opens an outbound connection on {@code executor} (one from {@link #newAffinityExecutor()}) and writes the
   * preamble for {@code streamId}. Completes (on {@code executor}) when connected; fails on connect errors.
   */
  CompletionStage<OutboundConnection> connect(String host, int port, int streamId, ScheduledExecutorService executor,
                                              ConnectionListener listener);

  /**
   * The clock of this transport's executors, in nanoseconds from an arbitrary origin (possibly negative), as
   * {@link System#nanoTime()}. Associations take their deadlines from it and compare them with what the timers of
   * {@link #newAffinityExecutor()} executors see, so the two must agree: a transport whose executors keep their own
   * time (a test's manual clock) overrides this. Any thread; never blocks; compare values by subtraction only.
   */
  default long nanoTime() {
    return System.nanoTime();
  }

  /** Closes listeners and connections and stops the I/O threads. */
  @Override
  void close();
}

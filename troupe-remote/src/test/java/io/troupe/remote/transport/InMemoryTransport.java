package io.troupe.remote.transport;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.remote.RemoteSettings;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link Transport} on an {@link InMemoryNetwork}: no sockets, no threads of its own. Its affinity executor is the
 * network's {@link io.troupe.testkit.ManualScheduledExecutor} and its clock that executor's, so the remoting of every
 * node on the network runs on the test's thread, in manual time. Select it with
 * {@link InMemoryNetwork#nodeConfig(String, int)}.
 */
public final class InMemoryTransport implements Transport {
  private final InMemoryNetwork network;
  final String name;
  final int maxFrameSizeBytes;
  volatile InboundHandlerFactory inbound;
  volatile String hostPort;
  volatile String host;
  volatile boolean crashed;
  volatile boolean closed;

  InMemoryTransport(InMemoryNetwork network, String name, int maxFrameSizeBytes) {
    this.network = network;
    this.name = name;
    this.maxFrameSizeBytes = maxFrameSizeBytes;
  }

  /** Makes the transport of a system whose config carries {@link InMemoryNetwork#NETWORK_ID_KEY}. */
  public static final class Factory implements TransportFactory {
    @Override
    public Transport create(ExtendedActorSystem system, RemoteSettings settings) {
      InMemoryNetwork n = InMemoryNetwork.named(settings.config().getString(InMemoryNetwork.NETWORK_ID_KEY));
      int maxFrame = Math.max(settings.advanced().maximumFrameSize(), settings.advanced().maximumLargeFrameSize());
      return new InMemoryTransport(n, system.name(), maxFrame);
    }
  }

  /** The {@code host:port} this node is bound to, or null before {@link #bind}. */
  public String hostPort() { return hostPort; }

  @Override
  public CompletionStage<InetSocketAddress> bind(String bindHost, int bindPort, InboundHandlerFactory inbound) {
    this.inbound = inbound;
    try {
      return CompletableFuture.completedFuture(network.bind(this, bindHost, bindPort));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public ScheduledExecutorService newAffinityExecutor() {
    return network.executor();
  }

  @Override
  public CompletionStage<OutboundConnection> connect(String host, int port, int streamId, ScheduledExecutorService executor,
                                                     ConnectionListener listener) {
    if (executor != network.executor()) throw new IllegalArgumentException("executor must come from newAffinityExecutor()");
    return network.connect(this, host, port, streamId, listener);
  }

  @Override
  public long nanoTime() {
    return network.executor().nanoTime();
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    if (!crashed) network.closed(this);
  }

  @Override
  public String toString() {
    return "InMemoryTransport(" + name + " at " + hostPort + (crashed ? ", crashed" : "") + ")";
  }
}

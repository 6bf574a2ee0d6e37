package io.troupe.remote.transport;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.EnvelopeHeader;
import io.troupe.remote.codec.EnvelopeReader;
import io.troupe.remote.codec.FrameDecoder;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.testkit.ManualScheduledExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A network of {@link InMemoryTransport}s in one JVM, all running on one {@link ManualScheduledExecutor}: connecting,
 * every byte delivery and every timer of every node is a task of that executor, so a world of several nodes moves only
 * when the test runs or advances it, and always the same way.
 *
 * <p>Nodes are named by their bound {@code host:port}. A connection is a pipe: bytes committed and flushed on its
 * {@link OutboundConnection} are handed, in a later task, to the peer's {@link InboundFrameHandler} through a real
 * {@link FrameDecoder}, as a socket would. Each frame passing through is recorded ({@link #frames}) before faults
 * apply, so tests can count what was put on the wire.
 *
 * <p>Faults: {@link #refuseConnections} (connect fails), {@link #dropFrames} and {@link #blackhole} (frames of one
 * direction vanish while connections stay up), {@link #breakConnections} (connections reset, bytes in flight lost) and
 * {@link #crash} (a node vanishes: its connections reset, its port is free for a restarted node).
 *
 * <p>Threads: meant to be used from the thread that drives the executor; the collections are concurrent so that a
 * node created on another thread can still bind.
 */
public final class InMemoryNetwork implements AutoCloseable {
  /** The config key through which {@link InMemoryTransport.Factory} finds its network. */
  public static final String NETWORK_ID_KEY = "troupe.test.in-memory-network";

  private static final Map<String, InMemoryNetwork> NETWORKS = new ConcurrentHashMap<>();
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String id = "network-" + IDS.incrementAndGet();
  private final ManualScheduledExecutor executor;
  private final Map<String, InMemoryTransport> bound = new ConcurrentHashMap<>();
  private final Set<String> refusing = ConcurrentHashMap.newKeySet();
  private final List<DropRule> drops = new CopyOnWriteArrayList<>();
  private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
  private final List<WireFrame> frames = new CopyOnWriteArrayList<>();
  private final AtomicInteger ephemeralPorts = new AtomicInteger(40000);
  private final AtomicInteger freePorts = new AtomicInteger(30000);

  public InMemoryNetwork(ManualScheduledExecutor executor) {
    this.executor = executor;
    NETWORKS.put(id, this);
  }

  static InMemoryNetwork named(String id) {
    InMemoryNetwork n = NETWORKS.get(id);
    if (n == null) throw new IllegalStateException(NETWORK_ID_KEY + " = " + id + ": no such in-memory network (closed already?)");
    return n;
  }

  public String id() { return id; }

  public ManualScheduledExecutor executor() { return executor; }

  /** Config that makes a remote system with canonical address {@code host:port} use this network. */
  public Config nodeConfig(String host, int port) {
    return ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.hostname = \"" + host + "\"\n"
        + "troupe.remote.artery.canonical.port = " + port + "\n"
        + "troupe.remote.artery.advanced.transport-factory = \"" + InMemoryTransport.Factory.class.getName() + "\"\n"
        + NETWORK_ID_KEY + " = \"" + id + "\"\n");
  }

  /** Forgets this network; its nodes stay as they are. */
  @Override
  public void close() {
    NETWORKS.remove(id);
  }

  // ------------------------------------------------------------------ faults

  /** Connections to {@code hostPort} fail as refused until {@link #acceptConnections}; open ones stay. */
  public void refuseConnections(String hostPort) {
    refusing.add(hostPort);
  }

  public void acceptConnections(String hostPort) {
    refusing.remove(hostPort);
  }

  /** Frames from {@code from} to {@code to} that match {@code which} are lost (recorded as dropped) until healed. */
  public Fault dropFrames(String from, String to, Predicate<WireFrame> which) {
    DropRule r = new DropRule(from, to, which);
    drops.add(r);
    return () -> drops.remove(r);
  }

  /** Everything from {@code from} to {@code to} is lost until healed; connections stay up. */
  public Fault blackhole(String from, String to) {
    return dropFrames(from, to, f -> true);
  }

  /** Resets every connection between {@code a} and {@code b}, both ways; bytes in flight are lost. Returns how many. */
  public int breakConnections(String a, String b) {
    int n = 0;
    for (Pipe p : pipes) {
      if ((p.from.equals(a) && p.to.equals(b)) || (p.from.equals(b) && p.to.equals(a))) {
        p.reset(new IOException("Connection reset by peer (in-memory network, between " + a + " and " + b + ")"));
        n++;
      }
    }
    return n;
  }

  /**
   * The node at {@code hostPort} vanishes as a killed process would: its port is free again, its connections are reset
   * (peers see them fail), and it can neither connect nor deliver any more.
   */
  public void crash(String hostPort) {
    InMemoryTransport t = bound.remove(hostPort);
    if (t == null) throw new IllegalArgumentException("no node at " + hostPort + " (bound: " + bound.keySet() + ")");
    t.crashed = true;
    for (Pipe p : pipes) {
      if (p.client == t || p.server == t) p.reset(new IOException("Connection reset by peer (" + hostPort + " crashed)"));
    }
  }

  /** A fault that can be undone. */
  @FunctionalInterface
  public interface Fault {
    void heal();
  }

  private record DropRule(String from, String to, Predicate<WireFrame> which) {
    boolean drops(WireFrame f) {
      return f.from().equals(from) && f.to().equals(to) && which.test(f);
    }
  }

  // ------------------------------------------------------------------ the wire tap

  /** Every frame that went over a connection so far, delivered or dropped, in order. */
  public List<WireFrame> frames() {
    return List.copyOf(frames);
  }

  /** Frames from {@code from} to {@code to}. */
  public List<WireFrame> frames(String from, String to) {
    return frames.stream().filter(f -> f.from().equals(from) && f.to().equals(to)).collect(Collectors.toList());
  }

  /** Control messages of {@code type} put on the wire from {@code from} to {@code to} (delivered or not), in order. */
  public <T extends ControlMessage> List<T> sent(String from, String to, Class<T> type) {
    return frames(from, to).stream().filter(f -> f.is(type)).map(f -> f.as(type)).collect(Collectors.toList());
  }

  /** Like {@link #sent} for one stream. */
  public <T extends ControlMessage> List<T> sent(String from, String to, int streamId, Class<T> type) {
    return frames(from, to).stream().filter(f -> f.streamId() == streamId && f.is(type)).map(f -> f.as(type))
        .collect(Collectors.toList());
  }

  /** Forgets the frames recorded so far. */
  public void clearFrames() {
    frames.clear();
  }

  /** Connections currently open from {@code from} to {@code to}. */
  public int openConnections(String from, String to) {
    int n = 0;
    for (Pipe p : pipes) if (p.from.equals(from) && p.to.equals(to) && !p.finished) n++;
    return n;
  }

  // ------------------------------------------------------------------ transport side

  InetSocketAddress bind(InMemoryTransport t, String host, int port) {
    int p = port == 0 ? freePorts.getAndIncrement() : port;
    String hp = host + ":" + p;
    if (bound.putIfAbsent(hp, t) != null) throw new IllegalStateException("cannot bind " + hp + ": Address already in use (in-memory)");
    t.hostPort = hp;
    t.host = host;
    return InetSocketAddress.createUnresolved(host, p);
  }

  void unbind(InMemoryTransport t) {
    if (t.hostPort != null) bound.remove(t.hostPort, t);
  }

  CompletionStage<OutboundConnection> connect(InMemoryTransport client, String host, int port, int streamId,
                                              ConnectionListener listener) {
    CompletableFuture<OutboundConnection> result = new CompletableFuture<>();
    String to = host + ":" + port;
    post(() -> {
      InMemoryTransport server = bound.get(to);
      if (client.crashed || client.closed) {
        result.completeExceptionally(new ConnectException("Connection refused: " + to + " (the connecting node is gone)"));
      } else if (server == null || refusing.contains(to)) {
        result.completeExceptionally(new ConnectException("Connection refused: " + to + " (in-memory network)"));
      } else {
        String from = client.hostPort != null ? client.hostPort : "unbound-" + client.name;
        InetSocketAddress remote = InetSocketAddress.createUnresolved(client.host != null ? client.host : "unbound",
            ephemeralPorts.getAndIncrement());
        Pipe p = new Pipe(client, server, from, to, streamId, server.inbound.newConnection(remote), listener,
            new FrameDecoder(server.maxFrameSizeBytes));
        pipes.add(p);
        p.outbound.writePreamble();
        result.complete(p.outbound);
      }
    });
    return result;
  }

  /** A node closes: its connections end in order (the peers see an orderly close). */
  void closed(InMemoryTransport t) {
    unbind(t);
    for (Pipe p : pipes) if (p.client == t || p.server == t) p.closeAfterFlushed(null);
  }

  private void post(Runnable r) {
    try {
      executor.execute(r);
    } catch (RejectedExecutionException e) {
      // the test is tearing the world down
    }
  }

  // ------------------------------------------------------------------ connections

  /** One connection: an outbound end writing bytes, an inbound end decoding them for the peer's handler. */
  private final class Pipe {
    final InMemoryTransport client;
    final InMemoryTransport server;
    final String from;
    final String to;
    final InboundFrameHandler handler;
    final ConnectionListener listener;
    final FrameDecoder decoder;
    final Outbound outbound;
    final EnvelopeHeader header = new EnvelopeHeader();
    byte[] unread = new byte[0];
    boolean announced;
    /** Writes are refused once the sender closed or the connection was reset. */
    boolean writable = true;
    /** Reset: bytes in flight are lost. */
    boolean reset;
    /** Both ends were told the connection ended. */
    boolean finished;

    Pipe(InMemoryTransport client, InMemoryTransport server, String from, String to, int streamId,
         InboundFrameHandler handler, ConnectionListener listener, FrameDecoder decoder) {
      this.client = client;
      this.server = server;
      this.from = from;
      this.to = to;
      this.handler = handler;
      this.listener = listener;
      this.decoder = decoder;
      this.outbound = new Outbound(this, streamId);
    }

    /** Runs as a task: the bytes arrive at the receiver. */
    void receive(byte[] bytes) {
      if (reset || finished) return;
      ByteBuffer in = ByteBuffer.allocate(unread.length + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
      in.put(unread).put(bytes).flip();
      try {
        while (true) {
          ByteBuffer frame = decoder.nextFrame(in);
          if (!announced && decoder.streamId() >= 0) {
            announced = true;
            handler.onStream(decoder.streamId());
          }
          if (frame == null) break;
          WireFrame seen = tap(frame.duplicate().order(ByteOrder.LITTLE_ENDIAN));
          boolean drop = false;
          for (DropRule r : drops) drop |= r.drops(seen);
          frames.add(drop ? withDropped(seen) : seen);
          if (drop) continue;
          handler.onFrame(decoder.streamId(), frame);
          if (reset || finished) return;
        }
      } catch (RuntimeException e) {
        // a framing violation or a failing handler closes this connection only, as TcpTransport does
        reset(e);
        return;
      }
      unread = new byte[in.remaining()];
      in.get(unread);
    }

    private WireFrame tap(ByteBuffer frame) {
      EnvelopeReader.read(frame.duplicate().order(ByteOrder.LITTLE_ENDIAN), header);
      ByteBuffer payload = EnvelopeReader.payload(frame.duplicate().order(ByteOrder.LITTLE_ENDIAN), header);
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      ControlMessage control = null;
      if (header.serializerId == ControlMessage.SERIALIZER_ID && !header.manifestCompressed()) {
        try {
          control = ControlMessageCodec.decode(header.manifestLiteral, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        } catch (RuntimeException e) {
          // recorded without a decoded message; the receiver will judge it
        }
      }
      return new WireFrame(executor.nanoTime(), from, to, decoder.streamId(), header.originUid, header.serializerId,
          header.actorRefTableVersion, header.manifestTableVersion, header.manifestLiteral, header.recipientLiteral,
          header.senderLiteral, control, bytes, false);
    }

    private WireFrame withDropped(WireFrame f) {
      return new WireFrame(f.atNanos(), f.from(), f.to(), f.streamId(), f.originUid(), f.serializerId(),
          f.actorRefTableVersion(), f.manifestTableVersion(), f.manifest(),
          f.recipient(), f.sender(), f.control(), f.payload(), true);
    }

    /** The sender closed: what it flushed still arrives, then both ends learn of the close. */
    void closeAfterFlushed(Throwable cause) {
      if (!writable) return;
      writable = false;
      post(() -> finish(cause));
    }

    /** The connection is reset: in-flight bytes are lost, both ends learn of it with {@code cause}. */
    void reset(Throwable cause) {
      if (reset || finished) return;
      writable = false;
      reset = true;
      post(() -> finish(cause));
    }

    private void finish(Throwable cause) {
      if (finished) return;
      finished = true;
      pipes.remove(this);
      handler.onClosed(cause);
      listener.onClosed(outbound, cause);
    }
  }

  /** The sending end; all methods on the executor, as the {@link OutboundConnection} contract says. */
  private final class Outbound implements OutboundConnection {
    private final Pipe pipe;
    private final int streamId;
    private final ByteArrayOutputStream committed = new ByteArrayOutputStream();
    private ByteBuffer current;
    private long bytesWritten;

    Outbound(Pipe pipe, int streamId) {
      this.pipe = pipe;
      this.streamId = streamId;
    }

    void writePreamble() {
      ByteBuffer b = writeBuffer(FrameDescriptor.PREAMBLE_LENGTH);
      b.put(FrameDescriptor.MAGIC_AKKA).put((byte) streamId);
      commit(b);
    }

    @Override public int streamId() { return streamId; }

    @Override
    public ByteBuffer writeBuffer(int minBytes) {
      current = ByteBuffer.allocate(Math.max(minBytes, 4096)).order(ByteOrder.LITTLE_ENDIAN);
      return current;
    }

    @Override
    public void commit(ByteBuffer buffer) {
      if (buffer != current) throw new IllegalStateException("commit of a buffer this connection did not hand out last");
      committed.write(buffer.array(), buffer.arrayOffset(), buffer.position());
      current = null;
    }

    @Override
    public void flush() {
      if (committed.size() == 0) return;
      byte[] bytes = committed.toByteArray();
      committed.reset();
      if (!pipe.writable) return;
      bytesWritten += bytes.length;
      post(() -> pipe.receive(bytes));
    }

    @Override public boolean isWritable() { return pipe.writable; }

    @Override public boolean isOpen() { return pipe.writable; }

    @Override
    public void close() {
      flush();
      pipe.closeAfterFlushed(null);
    }

    @Override public long bytesWritten() { return bytesWritten; }

    @Override
    public String toString() {
      return "InMemoryOutbound(" + FrameDescriptor.streamName(streamId) + " " + pipe.from + " -> " + pipe.to + ")";
    }
  }

  /** For diagnostics in failing tests. */
  @Override
  public String toString() {
    List<String> open = new ArrayList<>();
    for (Pipe p : pipes) open.add(p.from + "->" + p.to + "/" + p.outbound.streamId);
    return "InMemoryNetwork(" + id + ", nodes " + bound.keySet() + ", open " + open + ", " + executor + ")";
  }
}

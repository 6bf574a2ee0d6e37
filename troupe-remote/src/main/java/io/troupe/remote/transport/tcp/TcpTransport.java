package io.troupe.remote.transport.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.troupe.remote.codec.FrameDecoder;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.transport.ConnectionListener;
import io.troupe.remote.transport.InboundFrameHandler;
import io.troupe.remote.transport.InboundHandlerFactory;
import io.troupe.remote.transport.OutboundConnection;
import io.troupe.remote.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artery over plain TCP with Netty. Inbound: a decoder per accepted connection splits frames with {@link FrameDecoder}
 * straight out of Netty's cumulation buffer (no copy) and hands them to the connection's handler on its I/O thread.
 * Outbound: frames are encoded into pooled direct buffers and written in batches, one flush per batch.
 */
public class TcpTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

  static {
    io.troupe.remote.observe.RemotingFlightRecorder.quietNettyFlightRecorderEvents();
  }

  private final TcpTransportSettings settings;
  private final String name;
  /** The I/O threads; one of them also accepts connections (there are few, and they are long-lived). */
  private final EventLoopGroup ioGroup;
  /** Every open channel of this transport, closed with it. */
  private final java.util.Set<Channel> channels = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicLong malformedConnections = new AtomicLong();
  private volatile boolean closed;

  public TcpTransport(String name, TcpTransportSettings settings, boolean daemonThreads) {
    this.settings = settings;
    this.name = name;
    int n = settings.ioThreads() > 0 ? settings.ioThreads() : Math.max(2, Runtime.getRuntime().availableProcessors());
    this.ioGroup = new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory(name + "-io", daemonThreads), NioIoHandler.newFactory());
  }

  /** Connections closed because of malformed input so far. */
  public long malformedConnections() { return malformedConnections.get(); }

  /** Hook for tls-tcp: handlers added in front of the frame codec of every connection. */
  protected void initChannel(SocketChannel ch, boolean client) {}

  /**
   * Hook for tls-tcp with the peer's address: {@code peerHost}/{@code peerPort} are the host and port connected to
   * (client) or the remote socket address (server). Calls {@link #initChannel(SocketChannel, boolean)} by default.
   */
  protected void initChannel(SocketChannel ch, boolean client, String peerHost, int peerPort) {
    initChannel(ch, client);
  }

  /**
   * Hook for tls-tcp: completes when a new outbound connection may carry frames (after the TLS handshake); a failure
   * fails the connect. Called on the connection's I/O thread; plain TCP is ready at once.
   */
  protected io.netty.util.concurrent.Future<?> whenReady(Channel ch) {
    return ch.newSucceededFuture();
  }

  /**
   * Whether outbound connections take writes from other threads straight to the socket (settings, plain TCP only:
   * tls-tcp returns false, since its bytes must pass the TLS handler).
   */
  protected boolean directWrites() { return settings.directWrites(); }

  /** The transport's name (system name + "-remote"), for logs. */
  protected String name() { return name; }

  @Override
  public CompletionStage<InetSocketAddress> bind(String bindHost, int bindPort, InboundHandlerFactory inbound) {
    CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
    ServerBootstrap b = new ServerBootstrap()
        .group(ioGroup)
        .channelFactory(LightChannels.SERVERS)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          public boolean isSharable() { return true; }

          @Override
          protected void initChannel(SocketChannel ch) {
            track(ch);
            InetSocketAddress peer = ch.remoteAddress();
            TcpTransport.this.initChannel(ch, false, peer.getHostString(), peer.getPort());
            ch.pipeline().addLast("artery-frames", new InboundFrames(inbound.newConnection(ch.remoteAddress())));
          }
        });
    ChannelFuture f = b.bind(bindHost, bindPort);
    f.addListener(x -> {
      if (x.isSuccess()) {
        track(f.channel());
        result.complete((InetSocketAddress) f.channel().localAddress());
      } else {
        result.completeExceptionally(new IllegalStateException("cannot bind " + bindHost + ":" + bindPort + ": " + x.cause().getMessage(), x.cause()));
      }
    });
    return result;
  }

  @Override
  public ScheduledExecutorService newAffinityExecutor() {
    return ioGroup.next();
  }

  @Override
  public CompletionStage<OutboundConnection> connect(String host, int port, int streamId, ScheduledExecutorService executor,
                                                     ConnectionListener listener) {
    CompletableFuture<OutboundConnection> result = new CompletableFuture<>();
    if (!(executor instanceof EventLoop)) throw new IllegalArgumentException("executor must come from newAffinityExecutor()");
    Outbound[] holder = new Outbound[1];
    Bootstrap b = new Bootstrap()
        .group((EventLoop) executor)
        .channelFactory(LightChannels.SOCKETS)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMillis())
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(settings.writeBufferHighWaterMark() / 2, settings.writeBufferHighWaterMark()))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          public boolean isSharable() { return true; }

          @Override
          protected void initChannel(SocketChannel ch) {
            track(ch);
            TcpTransport.this.initChannel(ch, true, host, port);
            ch.pipeline().addLast("artery-outbound", new ChannelInboundHandlerAdapter() {
              @Override
              public boolean isSharable() { return false; }

              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                // the accepting side never writes; drop anything it sends
                io.netty.util.ReferenceCountUtil.release(msg);
              }

              @Override
              public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable() && holder[0] != null) listener.onWritable(holder[0]);
                ctx.fireChannelWritabilityChanged();
              }

              @Override
              public void channelInactive(ChannelHandlerContext ctx) {
                Outbound o = holder[0];
                if (o != null) {
                  o.releaseBuffer();
                  listener.onClosed(o, o.failure);
                }
                ctx.fireChannelInactive();
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (holder[0] != null) {
                  holder[0].failure = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null ? cause.getCause() : cause;
                }
                LOG.debug("outbound connection to {}:{} failed: {}", host, port, cause.toString());
                ctx.close();
              }
            });
          }
        });
    b.connect(host, port).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(f.cause());
        return;
      }
      whenReady(f.channel()).addListener(ready -> {
        if (!ready.isSuccess()) {
          f.channel().close();
          result.completeExceptionally(ready.cause());
        } else if (!f.channel().isActive()) {
          result.completeExceptionally(new java.io.IOException("connection to " + host + ":" + port + " closed before it was ready"));
        } else {
          Outbound o = new Outbound(f.channel(), streamId, settings.outboundChunkBytes(), directWrites());
          holder[0] = o;
          o.writePreamble();
          result.complete(o);
        }
      });
    });
    return result;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    List<ChannelFuture> closing = new java.util.ArrayList<>();
    for (Channel c : channels) closing.add(c.close());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (ChannelFuture f : closing) f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    ioGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Keeps {@code c} in {@link #channels} while it is open. */
  private void track(Channel c) {
    channels.add(c);
    c.closeFuture().addListener(f -> channels.remove(c));
  }

  // ------------------------------------------------------------------ outbound

  /**
   * One outbound connection; encodes into a pooled direct chunk and writes slices of it.
   *
   * <p>Direct writes. Another thread may write whole frames to the socket itself ({@link #tryWriteDirect}) when the
   * connection is idle. {@link #writing} keeps socket writes apart: the I/O thread holds it while it flushes or closes,
   * a direct writer while it writes (a few microseconds, never blocking: the socket is non-blocking), and whoever does
   * not get it leaves the bytes to the I/O thread. A direct write is only done when Netty holds nothing unsent (so
   * nothing the I/O thread committed earlier can go out after it) and the preamble went out. What the socket does not
   * take at once is handed to Netty, in order, and {@link #handedOff} keeps further direct writes back until it is
   * written. The chunk and its view stay the I/O thread's alone.
   */
  static final class Outbound implements OutboundConnection {
    private final Channel channel;
    private final int streamId;
    private final int chunkBytes;
    private final boolean directWrites;
    private final java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean started;
    private volatile boolean handedOff;
    private ByteBuf chunk;
    /** A view of all of {@link #chunk}: its positions are the chunk's indices. */
    private ByteBuffer view;
    private long bytesWritten;
    private final AtomicLong directBytes = new AtomicLong();
    volatile Throwable failure;

    Outbound(Channel channel, int streamId, int chunkBytes, boolean directWrites) {
      this.channel = channel;
      this.streamId = streamId;
      this.chunkBytes = chunkBytes;
      this.directWrites = directWrites && channel instanceof LightChannels.Socket;
    }

    void writePreamble() {
      ByteBuffer b = writeBuffer(FrameDescriptor.PREAMBLE_LENGTH);
      b.put(FrameDescriptor.MAGIC_AKKA).put((byte) streamId);
      commit(b);
    }

    @Override public int streamId() { return streamId; }

    @Override
    public ByteBuffer writeBuffer(int minBytes) {
      if (chunk == null || chunk.writableBytes() < minBytes) {
        writeOut();
        releaseBuffer();
        chunk = channel.alloc().directBuffer(Math.max(minBytes, chunkBytes));
        // one NIO view per chunk, reused for every frame encoded into it (not a new slice per frame)
        view = chunk.nioBuffer(0, chunk.capacity()).order(ByteOrder.LITTLE_ENDIAN);
      }
      view.limit(view.capacity()).position(chunk.writerIndex());
      return view;
    }

    @Override
    public void commit(ByteBuffer buffer) {
      chunk.writerIndex(buffer.position());
    }

    private void writeOut() {
      ByteBuf c = chunk;
      if (c != null && c.isReadable()) {
        int n = c.readableBytes();
        channel.write(c.retainedSlice(c.readerIndex(), n), channel.voidPromise());
        c.readerIndex(c.writerIndex());
        bytesWritten += n;
      }
    }

    void releaseBuffer() {
      if (chunk != null) {
        chunk.release();
        chunk = null;
        view = null;
      }
    }

    /** The I/O thread takes {@link #writing}; a direct writer holds it for microseconds at most. */
    private void lockForLoop() {
      while (!writing.compareAndSet(false, true)) Thread.onSpinWait();
    }

    @Override
    public void flush() {
      lockForLoop();
      try {
        writeOut();
        channel.flush();
      } finally {
        writing.set(false);
      }
      started = true;
    }

    @Override public boolean isWritable() { return channel.isWritable(); }
    @Override public boolean isOpen() { return channel.isActive(); }

    @Override
    public void close() {
      lockForLoop();
      try {
        writeOut();
        channel.flush();
        channel.close();
      } finally {
        writing.set(false);
      }
    }

    @Override public long bytesWritten() { return bytesWritten + directBytes.get(); }

    @Override public boolean supportsDirectWrites() { return directWrites; }

    @Override
    public boolean tryWriteDirect(ByteBuffer frames) {
      if (!directWrites || !started || handedOff || channel.eventLoop().inEventLoop()) return false;
      if (!writing.compareAndSet(false, true)) return false;
      try {
        io.netty.channel.ChannelOutboundBuffer unsent = channel.unsafe().outboundBuffer();
        if (handedOff || !channel.isActive() || unsent == null || unsent.totalPendingWriteBytes() != 0) return false;
        int n = frames.remaining();
        java.nio.channels.SocketChannel socket = ((LightChannels.Socket) channel).socket();
        try {
          while (frames.hasRemaining() && socket.write(frames) > 0) {
            // the socket takes what fits; the rest goes below
          }
        } catch (java.io.IOException e) {
          // the bytes may have gone out in part: the stream cannot go on. The I/O thread sees the close (the
          // association gates and reconnects); the frame is lost, as anything in flight on a broken connection.
          LOG.debug("direct write to {} failed: {}", channel.remoteAddress(), e.toString());
          channel.close();
          return true;
        }
        if (frames.hasRemaining()) {
          ByteBuf rest = channel.alloc().directBuffer(frames.remaining());
          rest.writeBytes(frames);
          handedOff = true;
          channel.writeAndFlush(rest).addListener(f -> handedOff = false);
        }
        directBytes.addAndGet(n);
        return true;
      } finally {
        writing.set(false);
      }
    }

    @Override public String toString() { return "Outbound(" + FrameDescriptor.streamName(streamId) + " " + channel.remoteAddress() + ")"; }
  }

  // ------------------------------------------------------------------ inbound

  /** Splits an accepted connection's bytes into frames for its handler. */
  final class InboundFrames extends ByteToMessageDecoder {
    private final FrameDecoder frames = new FrameDecoder(settings.maxFrameSizeBytes());
    private final InboundFrameHandler handler;
    private boolean announced;
    private Throwable failure;

    InboundFrames(InboundFrameHandler handler) {
      this.handler = handler;
    }

    /** Not sharable; said here so that Netty need not read the class's annotations (slow the first time). */
    @Override
    public boolean isSharable() { return false; }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (failure != null) {
        in.skipBytes(in.readableBytes());
        return;
      }
      ByteBuffer nio = in.nioBuffer(in.readerIndex(), in.readableBytes()).order(ByteOrder.LITTLE_ENDIAN);
      int start = nio.position();
      try {
        handler.onFrames(() -> decodeFrames(nio));
      } finally {
        in.skipBytes(nio.position() - start);
      }
    }

    private void decodeFrames(ByteBuffer nio) {
      while (true) {
        ByteBuffer f = frames.nextFrame(nio);
        if (!announced && frames.streamId() >= 0) {
          announced = true;
          handler.onStream(frames.streamId());
        }
        if (f == null) break;
        handler.onFrame(frames.streamId(), f);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null ? cause.getCause() : cause;
      failure = c;
      if (c instanceof MalformedFrameException) {
        malformedConnections.incrementAndGet();
        LOG.warn("[{}] closing inbound connection from [{}]: {}", name, ctx.channel().remoteAddress(), c.getMessage());
      } else if (c instanceof java.io.IOException) {
        LOG.debug("[{}] inbound connection from [{}] failed: {}", name, ctx.channel().remoteAddress(), c.toString());
      } else {
        LOG.warn("[{}] closing inbound connection from [{}] after an error", name, ctx.channel().remoteAddress(), c);
      }
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      try {
        super.channelInactive(ctx);
      } finally {
        handler.onClosed(failure);
      }
    }
  }
}

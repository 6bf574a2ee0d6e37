package io.troupe.remote.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelId;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's NIO channels with a cheap {@link ChannelId}. Netty's default id is made unique across hosts from the MAC
 * address and the process id; working them out once (network interfaces, {@code ProcessHandle}) was about a tenth of
 * an actor system's start-up. Troupe only uses ids inside one process, for logs, so a counter is enough.
 */
final class LightChannels {
  private static final Logger LOG = LoggerFactory.getLogger(LightChannels.class);
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private LightChannels() {}

  /** Makes {@link Server}s for a ServerBootstrap (without reflection). */
  static final io.netty.channel.ChannelFactory<Server> SERVERS = new io.netty.channel.ChannelFactory<>() {
    @Override public Server newChannel() { return new Server(); }
  };

  /** Makes {@link Socket}s for a Bootstrap. */
  static final io.netty.channel.ChannelFactory<Socket> SOCKETS = new io.netty.channel.ChannelFactory<>() {
    @Override public Socket newChannel() { return new Socket(); }
  };

  static ChannelId newId() {
    return new Id(NEXT_ID.incrementAndGet());
  }

  /** A process-unique channel id: a counter. */
  static final class Id implements ChannelId {
    private static final long serialVersionUID = 1L;
    private final long value;

    Id(long value) { this.value = value; }

    @Override public String asShortText() { return Long.toHexString(value); }
    @Override public String asLongText() { return "troupe-" + Long.toHexString(value); }

    @Override
    public int compareTo(ChannelId o) {
      if (o instanceof Id) return Long.compare(value, ((Id) o).value);
      return asLongText().compareTo(o.asLongText());
    }

    @Override public boolean equals(Object o) { return o instanceof Id && ((Id) o).value == value; }
    @Override public int hashCode() { return Long.hashCode(value); }
    @Override public String toString() { return asShortText(); }
  }

  /** An outbound (or accepted) TCP connection. */
  static final class Socket extends NioSocketChannel {
    Socket() {}

    Socket(Channel parent, java.nio.channels.SocketChannel accepted) { super(parent, accepted); }

    @Override protected ChannelId newId() { return LightChannels.newId(); }

    /** The NIO socket, for {@link TcpTransport}'s direct writes. */
    java.nio.channels.SocketChannel socket() { return javaChannel(); }
  }

  /** The listening socket; what it accepts are {@link Socket}s. */
  static final class Server extends NioServerSocketChannel {
    Server() {}

    @Override protected ChannelId newId() { return LightChannels.newId(); }

    @Override
    protected int doReadMessages(List<Object> buf) throws Exception {
      java.nio.channels.SocketChannel ch = javaChannel().accept();
      if (ch == null) return 0;
      try {
        buf.add(new Socket(this, ch));
        return 1;
      } catch (Throwable t) {
        LOG.warn("cannot set up an accepted connection from {}", ch.getRemoteAddress(), t);
        try {
          ch.close();
        } catch (java.io.IOException e) {
          LOG.debug("closing the refused connection failed", e);
        }
        return 0;
      }
    }
  }
}

package io.troupe.remote.transport.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.troupe.event.LogMarkers;
import io.troupe.remote.transport.tcp.TcpTransport;
import io.troupe.remote.transport.tcp.TcpTransportSettings;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tls-tcp: the framing of {@link TcpTransport} inside a TLS session per connection (spec section 11). The accepting
 * side is the TLS server. An outbound connection counts as connected only once its TLS handshake succeeded and the
 * {@link SSLEngineProvider} accepted the session, so a refused peer fails the connect and no frame reaches it; on the
 * accepting side the TLS handler passes no bytes to the frame decoder before the handshake completed. Failed
 * handshakes are logged at WARN with the {@link LogMarkers#SECURITY} marker (once per peer host and cause, repeats at
 * DEBUG).
 */
public class TlsTcpTransport extends TcpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(TlsTcpTransport.class);
  private static final String PROMISE = "troupe-tls-ready";

  private final SSLEngineProvider engines;
  private final long handshakeTimeoutMillis;
  private final RefusalLog refusals = new RefusalLog(LOG);

  public TlsTcpTransport(String name, TcpTransportSettings settings, boolean daemonThreads, SSLEngineProvider engines,
                         long handshakeTimeoutMillis) {
    super(name, settings, daemonThreads);
    this.engines = engines;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
  }

  /** Every byte must pass the TLS handler: no direct writes to the socket. */
  @Override
  protected boolean directWrites() { return false; }

  @Override
  protected void initChannel(SocketChannel ch, boolean client, String peerHost, int peerPort) {
    SSLEngine engine = client ? engines.createClientSSLEngine(peerHost, peerPort) : engines.createServerSSLEngine(peerHost, peerPort);
    SslHandler ssl = new SslHandler(engine);
    ssl.setHandshakeTimeout(handshakeTimeoutMillis, TimeUnit.MILLISECONDS);
    Promise<Channel> ready = ch.eventLoop().newPromise();
    ch.attr(io.netty.util.AttributeKey.<Promise<Channel>>valueOf(PROMISE)).set(ready);
    ch.pipeline().addLast("tls", ssl);
    ch.pipeline().addLast("tls-verify", new ChannelInboundHandlerAdapter() {
      private boolean refused;

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // bytes decrypted in the same read as a refused handshake must not reach the frame decoder
        if (refused) {
          io.netty.util.ReferenceCountUtil.release(msg);
        } else {
          ctx.fireChannelRead(msg);
        }
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent) {
          SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
          if (!done.isSuccess()) {
            refused = true;
            refused(client, peerHost, peerPort, done.cause());
            ready.tryFailure(done.cause());
            ctx.close();
            return;
          }
          SSLSession session = ssl.engine().getSession();
          Optional<Throwable> veto = client ? engines.verifyServerSession(peerHost, session) : engines.verifyClientSession(peerHost, session);
          if (veto.isPresent()) {
            refused = true;
            refused(client, peerHost, peerPort, veto.get());
            ready.tryFailure(veto.get());
            ctx.close();
            return;
          }
          LOG.debug("[{}] TLS session with [{}:{}] established: {} {}", name(), peerHost, peerPort, session.getProtocol(), session.getCipherSuite());
          ready.trySuccess(ctx.channel());
          ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        ready.tryFailure(new javax.net.ssl.SSLException("connection with " + peerHost + ":" + peerPort + " closed during the TLS handshake"));
        ctx.fireChannelInactive();
      }
    });
  }

  private void refused(boolean client, String peerHost, int peerPort, Throwable cause) {
    refusals.refused((client ? "client|" : "server|") + peerHost + "|" + cause,
        "[{}] TLS handshake with [{}:{}] ({} side) failed, no association: {}. Repeats are logged at DEBUG", name(),
        peerHost, peerPort, client ? "client" : "server", cause.toString());
  }

  @Override
  protected Future<?> whenReady(Channel ch) {
    Promise<Channel> p = ch.attr(io.netty.util.AttributeKey.<Promise<Channel>>valueOf(PROMISE)).get();
    return p == null ? ch.newSucceededFuture() : p;
  }
}

package io.troupe.remote.transport.tls;

import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Makes the {@link SSLEngine}s of the tls-tcp transport. Named by {@code troupe.remote.artery.ssl.ssl-engine-provider};
 * an implementation has a public constructor taking the {@link io.troupe.actor.ActorSystem} or its
 * {@link com.typesafe.config.Config} (tried in that order), which runs while the system starts, before its actors
 * exist: read configuration there and fail with an exception on errors, do not use actors.
 *
 * <p>The engines must be new for every call and set up for their side: the transport does not change their mode,
 * protocols, cipher suites or client-authentication settings. Methods are called on I/O threads and must not block
 * for long.
 */
public interface SSLEngineProvider {

  /** An engine for a connection accepted from {@code peerHost:peerPort} (this side is the TLS server). */
  SSLEngine createServerSSLEngine(String peerHost, int peerPort);

  /** An engine for a connection this node opens to {@code peerHost:peerPort} (this side is the TLS client). */
  SSLEngine createClientSSLEngine(String peerHost, int peerPort);

  /**
   * Extra checks of a client's session after a successful handshake on the server side; a present value refuses the
   * connection with that cause. None by default.
   */
  default Optional<Throwable> verifyClientSession(String peerHost, SSLSession session) {
    return Optional.empty();
  }

  /** As {@link #verifyClientSession}, on the client side for the server's session. None by default. */
  default Optional<Throwable> verifyServerSession(String peerHost, SSLSession session) {
    return Optional.empty();
  }
}

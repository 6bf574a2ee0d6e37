/**
 * The tls-tcp transport: Artery's TCP framing inside TLS (Netty's {@code SslHandler} on the JDK provider), the
 * pluggable {@link io.troupe.remote.transport.tls.SSLEngineProvider} and its default,
 * {@link io.troupe.remote.transport.tls.ConfigSSLEngineProvider}.
 */
package io.troupe.remote.transport.tls;

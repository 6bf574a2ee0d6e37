package io.troupe.remote.transport.tls;

import com.typesafe.config.Config;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The TLS settings both built-in providers read from their section ({@code protocol}, {@code enabled-algorithms},
 * {@code random-number-generator}, {@code require-mutual-authentication}, {@code hostname-verification}) and the
 * engines they make from an {@link SSLContext} with them.
 */
final class EngineSettings {
  final String protocol;
  final List<String> algorithms;
  private final String[] cipherSuites;
  private final String randomNumberGenerator;
  private final boolean requireMutualAuthentication;
  private final boolean hostnameVerification;

  EngineSettings(Config c) {
    this.protocol = c.getString("protocol");
    this.algorithms = c.getStringList("enabled-algorithms");
    this.cipherSuites = algorithms.toArray(new String[0]);
    this.randomNumberGenerator = c.getString("random-number-generator");
    this.requireMutualAuthentication = c.getBoolean("require-mutual-authentication");
    this.hostnameVerification = c.getBoolean("hostname-verification");
  }

  SecureRandom random() throws GeneralSecurityException {
    return randomNumberGenerator.isEmpty() ? new SecureRandom() : SecureRandom.getInstance(randomNumberGenerator);
  }

  /** Fails when the protocol or a cipher suite cannot be used with {@code context}. */
  void check(SSLContext context) {
    server(context, "localhost", 0);
    client(context, "localhost", 0);
  }

  SSLEngine server(SSLContext context, String peerHost, int peerPort) {
    SSLEngine e = engine(context, peerHost, peerPort);
    e.setUseClientMode(false);
    if (requireMutualAuthentication) e.setNeedClientAuth(true);
    return e;
  }

  SSLEngine client(SSLContext context, String peerHost, int peerPort) {
    SSLEngine e = engine(context, peerHost, peerPort);
    e.setUseClientMode(true);
    if (hostnameVerification) {
      SSLParameters p = e.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      e.setSSLParameters(p);
    }
    return e;
  }

  private SSLEngine engine(SSLContext context, String peerHost, int peerPort) {
    SSLEngine e = context.createSSLEngine(peerHost, peerPort);
    e.setEnabledProtocols(new String[] {protocol});
    if (cipherSuites.length > 0) e.setEnabledCipherSuites(cipherSuites);
    return e;
  }
}

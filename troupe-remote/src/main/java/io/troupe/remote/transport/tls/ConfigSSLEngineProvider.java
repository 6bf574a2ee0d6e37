package io.troupe.remote.transport.tls;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorSystem;
import io.troupe.event.LogMarkers;
import java.io.File;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link SSLEngineProvider}: key and trust stores (PKCS12 or JKS, detected from the file) and TLS settings
 * from {@code troupe.remote.artery.ssl.config-ssl-engine}. The server side requires a client certificate when
 * {@code require-mutual-authentication = on}; the client side checks the server's certificate against the host it
 * connects to when {@code hostname-verification = on}. A certificate the trust store refuses is logged at WARN
 * with the {@link LogMarkers#SECURITY} marker, naming the peer, the certificate's subject and issuer and the trust
 * store (the first time per peer host, certificate and reason; repeats at DEBUG). Everything is read and checked when the provider is made, so a wrong path or password fails the system start.
 */
public class ConfigSSLEngineProvider implements SSLEngineProvider {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigSSLEngineProvider.class);
  /** The configuration section this provider reads. */
  public static final String CONFIG_PATH = "troupe.remote.artery.ssl.config-ssl-engine";

  private final String protocol;
  private final String[] cipherSuites;
  private final boolean requireMutualAuthentication;
  private final boolean hostnameVerification;
  private final SSLContext context;

  public ConfigSSLEngineProvider(ActorSystem system) {
    this(system.settings().config());
  }

  public ConfigSSLEngineProvider(Config config) {
    Config c = config.getConfig(CONFIG_PATH);
    this.protocol = c.getString("protocol");
    List<String> algs = c.getStringList("enabled-algorithms");
    this.cipherSuites = algs.toArray(new String[0]);
    this.requireMutualAuthentication = c.getBoolean("require-mutual-authentication");
    this.hostnameVerification = c.getBoolean("hostname-verification");
    String keyStore = c.getString("key-store");
    String trustStore = c.getString("trust-store");
    try {
      KeyStore ks = load("key-store", keyStore, c.getString("key-store-password"));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, c.getString("key-password").toCharArray());
      KeyStore ts = load("trust-store", trustStore, c.getString("trust-store-password"));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      TrustManager[] tms = tmf.getTrustManagers();
      for (int i = 0; i < tms.length; i++) {
        if (tms[i] instanceof X509ExtendedTrustManager) {
          tms[i] = new LoggingTrustManager((X509ExtendedTrustManager) tms[i], trustStore, new RefusalLog(LOG));
        }
      }
      this.context = SSLContext.getInstance(protocol);
      context.init(kmf.getKeyManagers(), tms, random(c.getString("random-number-generator")));
      // fail now, not on the first connection, when the protocol or a cipher suite is not supported
      createClientSSLEngine("localhost", 0);
      createServerSSLEngine("localhost", 0);
    } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
      throw new ConfigurationException(CONFIG_PATH + " cannot be used (key-store [" + keyStore + "], trust-store ["
          + trustStore + "], protocol [" + protocol + "], enabled-algorithms " + algs + "): " + e, e);
    }
  }

  private static KeyStore load(String what, String path, String password) throws GeneralSecurityException, java.io.IOException {
    if (path.isEmpty()) throw new java.io.FileNotFoundException(what + " is not set");
    File f = new File(path);
    if (!f.isFile()) throw new java.io.FileNotFoundException(what + " [" + path + "] is not a readable file");
    return KeyStore.getInstance(f, password.toCharArray());
  }

  private static SecureRandom random(String name) throws GeneralSecurityException {
    return name.isEmpty() ? new SecureRandom() : SecureRandom.getInstance(name);
  }

  /** The SSL context engines are made from. */
  protected SSLContext context() { return context; }

  @Override
  public SSLEngine createServerSSLEngine(String peerHost, int peerPort) {
    SSLEngine e = createEngine(peerHost, peerPort);
    e.setUseClientMode(false);
    if (requireMutualAuthentication) e.setNeedClientAuth(true);
    return e;
  }

  @Override
  public SSLEngine createClientSSLEngine(String peerHost, int peerPort) {
    SSLEngine e = createEngine(peerHost, peerPort);
    e.setUseClientMode(true);
    if (hostnameVerification) {
      SSLParameters p = e.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      e.setSSLParameters(p);
    }
    return e;
  }

  private SSLEngine createEngine(String peerHost, int peerPort) {
    SSLEngine e = context.createSSLEngine(peerHost, peerPort);
    e.setEnabledProtocols(new String[] {protocol});
    if (cipherSuites.length > 0) e.setEnabledCipherSuites(cipherSuites);
    return e;
  }

  /** Delegates to the trust store's manager and logs what it refuses. */
  static final class LoggingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final String trustStore;
    private final RefusalLog refusals;

    LoggingTrustManager(X509ExtendedTrustManager delegate, String trustStore, RefusalLog refusals) {
      this.delegate = delegate;
      this.trustStore = trustStore;
      this.refusals = refusals;
    }

    private void refused(String side, X509Certificate[] chain, String peer, CertificateException e) {
      X509Certificate leaf = chain == null || chain.length == 0 ? null : chain[0];
      String subject = leaf == null ? "none" : leaf.getSubjectX500Principal().getName();
      String issuer = leaf == null ? "none" : leaf.getIssuerX500Principal().getName();
      String host = peer.lastIndexOf(':') > 0 ? peer.substring(0, peer.lastIndexOf(':')) : peer;
      refusals.refused(side + "|" + host + "|" + subject + "|" + issuer + "|" + e.getMessage(),
          "refusing TLS {} [{}]: certificate subject [{}] issued by [{}] is not accepted with trust store [{}]: {}. "
              + "Repeats are logged at DEBUG", side, peer, subject, issuer, trustStore, e.getMessage());
    }

    private static String peer(SSLEngine engine) {
      return engine == null ? "unknown" : engine.getPeerHost() + ":" + engine.getPeerPort();
    }

    private static String peer(Socket socket) {
      return socket == null ? "unknown" : String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      try {
        delegate.checkClientTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        refused("client", chain, peer(engine), e);
        throw e;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        refused("server", chain, peer(engine), e);
        throw e;
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      try {
        delegate.checkClientTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        refused("client", chain, peer(socket), e);
        throw e;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        refused("server", chain, peer(socket), e);
        throw e;
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        delegate.checkClientTrusted(chain, authType);
      } catch (CertificateException e) {
        refused("client", chain, "unknown", e);
        throw e;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        refused("server", chain, "unknown", e);
        throw e;
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}

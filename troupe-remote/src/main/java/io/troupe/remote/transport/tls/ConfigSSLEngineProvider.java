package io.troupe.remote.transport.tls;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorSystem;
import io.troupe.event.LogMarkers;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
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
 * store (the first time per peer host, certificate and reason; repeats at DEBUG). Everything is read and checked when
 * the provider is made, so a wrong path or password fails the system start. With {@code ssl-context-cache-ttl} set,
 * replaced store files are picked up for new connections without a restart (see {@code ReloadingContext}).
 */
public class ConfigSSLEngineProvider implements SSLEngineProvider {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigSSLEngineProvider.class);
  /** The configuration section this provider reads. */
  public static final String CONFIG_PATH = "troupe.remote.artery.ssl.config-ssl-engine";

  private final EngineSettings settings;
  private final ReloadingContext context;

  public ConfigSSLEngineProvider(ActorSystem system) {
    this(system.settings().config());
  }

  public ConfigSSLEngineProvider(Config config) {
    Config c = config.getConfig(CONFIG_PATH);
    this.settings = new EngineSettings(c);
    String keyStore = c.getString("key-store");
    String trustStore = c.getString("trust-store");
    String keyStorePassword = c.getString("key-store-password");
    String keyPassword = c.getString("key-password");
    String trustStorePassword = c.getString("trust-store-password");
    long ttlNanos = "off".equals(c.getString("ssl-context-cache-ttl")) ? 0
        : c.getDuration("ssl-context-cache-ttl").toNanos();
    RefusalLog refusals = new RefusalLog(LOG);
    try {
      ReloadingContext.Loader loader = files -> {
        KeyStore ks = load("key-store", keyStore, files[0], keyStorePassword);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, keyPassword.toCharArray());
        KeyStore ts = load("trust-store", trustStore, files[1], trustStorePassword);
        SSLContext ctx = SSLContext.getInstance(settings.protocol);
        ctx.init(kmf.getKeyManagers(), loggingTrustManagers(ts, trustStore, refusals), settings.random());
        // fail now, not on the first connection, when the protocol or a cipher suite is not supported
        settings.check(ctx);
        return ctx;
      };
      this.context = new ReloadingContext(List.of(file("key-store", keyStore), file("trust-store", trustStore)),
          ttlNanos, loader, "key-store [" + keyStore + "], trust-store [" + trustStore + "]", LOG);
    } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
      throw new ConfigurationException(CONFIG_PATH + " cannot be used (key-store [" + keyStore + "], trust-store ["
          + trustStore + "], protocol [" + settings.protocol + "], enabled-algorithms " + settings.algorithms + "): " + e, e);
    }
  }

  /** The trust managers of {@code trusted}, each logging what it refuses with {@code trustName} in the message. */
  static TrustManager[] loggingTrustManagers(KeyStore trusted, String trustName, RefusalLog refusals)
      throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    TrustManager[] tms = tmf.getTrustManagers();
    for (int i = 0; i < tms.length; i++) {
      if (tms[i] instanceof X509ExtendedTrustManager) {
        tms[i] = new LoggingTrustManager((X509ExtendedTrustManager) tms[i], trustName, refusals);
      }
    }
    return tms;
  }

  private static Path file(String what, String path) throws java.io.IOException {
    if (path.isEmpty()) throw new java.io.FileNotFoundException(what + " is not set");
    Path f = Path.of(path);
    if (!Files.isRegularFile(f)) throw new java.io.FileNotFoundException(what + " [" + path + "] is not a readable file");
    return f;
  }

  /** A PKCS12 or JKS store from its bytes (the type is recognised from the content). */
  private static KeyStore load(String what, String path, byte[] bytes, String password)
      throws GeneralSecurityException, java.io.IOException {
    GeneralSecurityException firstFailure = null;
    for (String type : new String[] {"PKCS12", "JKS"}) {
      try {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(new ByteArrayInputStream(bytes), password.toCharArray());
        return ks;
      } catch (GeneralSecurityException e) {
        if (firstFailure == null) firstFailure = e;
      } catch (java.io.IOException e) {
        // a wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException
        if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
          throw new java.io.IOException(what + " [" + path + "]: " + e.getMessage(), e);
        }
        if (firstFailure == null) firstFailure = new GeneralSecurityException(e.getMessage(), e);
      }
    }
    throw new GeneralSecurityException(what + " [" + path + "] is neither a PKCS12 nor a JKS store: " + firstFailure,
        firstFailure);
  }

  /** The SSL context engines are made from. */
  protected SSLContext context() { return context.get(); }

  @Override
  public SSLEngine createServerSSLEngine(String peerHost, int peerPort) {
    return settings.server(context(), peerHost, peerPort);
  }

  @Override
  public SSLEngine createClientSSLEngine(String peerHost, int peerPort) {
    return settings.client(context(), peerHost, peerPort);
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

    /** One check of the delegate. */
    private interface Check {
      void run() throws CertificateException;
    }

    /** Runs {@code check}, logging and rethrowing what it refuses. */
    private void checked(String side, X509Certificate[] chain, String peer, Check check) throws CertificateException {
      try {
        check.run();
      } catch (CertificateException e) {
        refused(side, chain, peer, e);
        throw e;
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      checked("client", chain, peer(engine), () -> delegate.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      checked("server", chain, peer(engine), () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      checked("client", chain, peer(socket), () -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      checked("server", chain, peer(socket), () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      checked("client", chain, "unknown", () -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      checked("server", chain, "unknown", () -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}

package io.troupe.remote.transport.tls;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorSystem;
import io.troupe.event.LogMarkers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link SSLEngineProvider} reading PEM files, as mounted from a Kubernetes secret or written by cert-manager:
 * this node's private key ({@code key-file}, unencrypted PKCS#8), its certificate chain ({@code cert-file}) and the
 * CA certificates peers must chain to ({@code ca-cert-file}), from {@code troupe.remote.artery.ssl.rotating-keys-engine}.
 *
 * <p>Rotation without a restart: at most every {@code ssl-context-cache-ttl} the files are read again when a
 * connection is made; when they changed, new connections use the new material and existing connections go on with
 * what they negotiated. New material that cannot be used (unreadable, a key not matching the certificate, a truncated
 * file written halfway) is refused with a WARN ({@link LogMarkers#SECURITY}) and the previous material stays in use
 * until the files are right. At start, bad files fail the system start.
 *
 * <p>Select it with {@code troupe.remote.artery.ssl.ssl-engine-provider =
 * io.troupe.remote.transport.tls.RotatingKeysSSLEngineProvider}.
 */
public class RotatingKeysSSLEngineProvider implements SSLEngineProvider {
  private static final Logger LOG = LoggerFactory.getLogger(RotatingKeysSSLEngineProvider.class);
  /** The configuration section this provider reads. */
  public static final String CONFIG_PATH = "troupe.remote.artery.ssl.rotating-keys-engine";

  private final EngineSettings settings;
  private final Path keyFile;
  private final Path certFile;
  private final Path caFile;
  private final RefusalLog refusals = new RefusalLog(LOG);
  private final ReloadingContext context;

  public RotatingKeysSSLEngineProvider(ActorSystem system) {
    this(system.settings().config());
  }

  public RotatingKeysSSLEngineProvider(Config config) {
    Config c = config.getConfig(CONFIG_PATH);
    this.settings = new EngineSettings(c);
    this.keyFile = Path.of(c.getString("key-file"));
    this.certFile = Path.of(c.getString("cert-file"));
    this.caFile = Path.of(c.getString("ca-cert-file"));
    long ttlNanos = c.getDuration("ssl-context-cache-ttl").toNanos();
    if (ttlNanos <= 0) throw new ConfigurationException(CONFIG_PATH + ".ssl-context-cache-ttl must be positive");
    try {
      this.context = new ReloadingContext(List.of(keyFile, certFile, caFile), ttlNanos, this::load, describe(), LOG);
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      throw new ConfigurationException(CONFIG_PATH + " cannot be used (" + describe() + ", protocol ["
          + settings.protocol + "], enabled-algorithms " + settings.algorithms + "): " + e.getMessage(), e);
    }
  }

  private String describe() {
    return "key-file [" + keyFile + "], cert-file [" + certFile + "], ca-cert-file [" + caFile + "]";
  }

  private SSLContext load(byte[][] files) throws GeneralSecurityException, IOException {
    PrivateKey key = Pem.privateKey(files[0], keyFile);
    List<X509Certificate> chain = Pem.certificates(files[1], certFile);
    List<X509Certificate> cas = Pem.certificates(files[2], caFile);
    Pem.checkKeyMatches(key, chain.get(0), keyFile, certFile);
    char[] none = new char[0];
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, none);
    ks.setKeyEntry("node", key, none, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, none);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, none);
    for (int i = 0; i < cas.size(); i++) ts.setCertificateEntry("ca-" + i, cas.get(i));
    SSLContext context = SSLContext.getInstance(settings.protocol);
    context.init(kmf.getKeyManagers(), ConfigSSLEngineProvider.loggingTrustManagers(ts, caFile.toString(), refusals),
        settings.random());
    settings.check(context);
    return context;
  }

  /** The context for a new connection: the current one, after looking for new files when the TTL ran out. */
  protected SSLContext context() {
    return context.get();
  }

  @Override
  public SSLEngine createServerSSLEngine(String peerHost, int peerPort) {
    return settings.server(context(), peerHost, peerPort);
  }

  @Override
  public SSLEngine createClientSSLEngine(String peerHost, int peerPort) {
    return settings.client(context(), peerHost, peerPort);
  }

  /** Reading PEM keys and certificates. */
  static final class Pem {
    private Pem() {}

    static List<X509Certificate> certificates(byte[] pem, Path from) throws GeneralSecurityException {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : certs) out.add((X509Certificate) c);
      if (out.isEmpty()) throw new GeneralSecurityException("no certificate in [" + from + "]");
      return out;
    }

    static PrivateKey privateKey(byte[] pem, Path from) throws GeneralSecurityException {
      String text = new String(pem, StandardCharsets.US_ASCII);
      if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
        throw new GeneralSecurityException("[" + from + "] holds a PKCS#1/SEC1 key; convert it to PKCS#8 with "
            + "'openssl pkcs8 -topk8 -nocrypt -in " + from.getFileName() + " -out key.pem'");
      }
      if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
        throw new GeneralSecurityException("[" + from + "] holds an encrypted key; only unencrypted PKCS#8 "
            + "(-----BEGIN PRIVATE KEY-----) is read: protect the file with its permissions");
      }
      String begin = "-----BEGIN PRIVATE KEY-----";
      String end = "-----END PRIVATE KEY-----";
      int b = text.indexOf(begin);
      int e = b < 0 ? -1 : text.indexOf(end, b);
      if (b < 0 || e < 0) throw new GeneralSecurityException("no '" + begin + "' block in [" + from + "]");
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
      } catch (IllegalArgumentException bad) {
        throw new GeneralSecurityException("[" + from + "] is not valid base64: " + bad.getMessage());
      }
      PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
      for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
        try {
          return KeyFactory.getInstance(alg).generatePrivate(spec);
        } catch (GeneralSecurityException notThisOne) {
          // try the next algorithm
        }
      }
      throw new GeneralSecurityException("[" + from + "] is not an RSA, EC or EdDSA PKCS#8 private key");
    }

    /** Fails unless {@code key} signs what the certificate's public key verifies. */
    static void checkKeyMatches(PrivateKey key, X509Certificate cert, Path keyFrom, Path certFrom)
        throws GeneralSecurityException {
      String alg;
      switch (key.getAlgorithm()) {
        case "RSA": alg = "SHA256withRSA"; break;
        case "EC": alg = "SHA256withECDSA"; break;
        default: alg = key.getAlgorithm(); // Ed25519, Ed448, RSASSA-PSS need their own parameters: skip
      }
      if (!alg.startsWith("SHA256")) return;
      byte[] probe = "troupe-key-check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      if (!v.verify(sig)) {
        throw new GeneralSecurityException("the key in [" + keyFrom + "] does not belong to the first certificate in ["
            + certFrom + "] (" + cert.getSubjectX500Principal().getName() + ")");
      }
    }
  }
}

package io.troupe.remote.tls;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made when the tests run, with the JDK's {@code keytool} (nothing is committed): a CA, node certificates
 * it signs, and the bad cases. All stores are PKCS12 with password {@link #PASSWORD}, except {@link #nodeJks} (JKS, key
 * password {@link #JKS_KEY_PASSWORD}). Made once per test JVM in a temporary directory removed at exit.
 */
public final class TestCertificates {
  public static final String PASSWORD = "changeit";
  public static final String JKS_KEY_PASSWORD = "key-secret";

  /** The directory holding everything. */
  public final Path dir;
  /** Trust store holding only the test CA. */
  public final Path trustStore;
  /** Node key store: key and chain signed by the CA, SAN ip:127.0.0.1, dns:localhost. */
  public final Path node;
  /** The same key and chain as {@link #node} in a JKS store. */
  public final Path nodeJks;
  /** Signed by the CA, but for another host only (SAN dns:wrong-host.invalid). */
  public final Path wrongHost;
  /** Signed by the CA, valid from 10 days ago for 1 day: expired. */
  public final Path expired;
  /** Self-signed, not trusted by {@link #trustStore}. */
  public final Path untrusted;
  /** Trust store holding only the self-signed {@link #untrusted} certificate. */
  public final Path untrustedTrustStore;
  /** The CA certificate, PEM. */
  public final Path caPem;
  /** The self-signed {@link #untrusted} certificate, PEM (usable as a second CA). */
  public final Path untrustedPem;

  private static TestCertificates instance;

  /** The certificates of this JVM, made on first use. */
  public static synchronized TestCertificates get() {
    if (instance == null) {
      try {
        instance = new TestCertificates();
      } catch (IOException e) {
        throw new IllegalStateException("cannot make test certificates: " + e.getMessage(), e);
      }
    }
    return instance;
  }

  private TestCertificates() throws IOException {
    dir = Files.createTempDirectory("troupe-tls-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(dir)));
    Path ca = dir.resolve("ca.p12");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Troupe Test CA,O=Troupe",
        "-ext", "bc:c", "-validity", "30", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    caPem = dir.resolve("ca.pem");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-file", caPem.toString());
    trustStore = dir.resolve("trust.p12");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", trustStore.toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD);

    node = signed("node", "CN=node,O=Troupe", "san=ip:127.0.0.1,dns:localhost", null, "30", ca, caPem);
    wrongHost = signed("wrong", "CN=wrong-host.invalid,O=Troupe", "san=dns:wrong-host.invalid", null, "30", ca, caPem);
    expired = signed("expired", "CN=expired,O=Troupe", "san=ip:127.0.0.1,dns:localhost", "-10d", "1", ca, caPem);

    nodeJks = dir.resolve("node.jks");
    keytool("-importkeystore", "-noprompt", "-srckeystore", node.toString(), "-srcstoretype", "PKCS12", "-srcstorepass", PASSWORD,
        "-srcalias", "node", "-destkeystore", nodeJks.toString(), "-deststoretype", "JKS", "-deststorepass", PASSWORD,
        "-destkeypass", JKS_KEY_PASSWORD);

    untrusted = dir.resolve("untrusted.p12");
    keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=untrusted,O=Elsewhere",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "30", "-keystore", untrusted.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD);
    untrustedPem = dir.resolve("untrusted.pem");
    keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", untrusted.toString(), "-storepass", PASSWORD, "-file", untrustedPem.toString());
    untrustedTrustStore = dir.resolve("untrusted-trust.p12");
    keytool("-importcert", "-noprompt", "-alias", "self", "-file", untrustedPem.toString(), "-keystore", untrustedTrustStore.toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD);
  }

  /**
   * Writes the key of {@code keyStore} (PKCS12, alias node) as unencrypted PKCS#8 PEM to {@code key} and its
   * certificate chain as PEM to {@code cert}.
   */
  public static void writePem(Path keyStore, Path key, Path cert) throws Exception {
    java.security.KeyStore ks = java.security.KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
    java.security.Key k = ks.getKey("node", PASSWORD.toCharArray());
    java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(k.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    StringBuilder chain = new StringBuilder();
    for (java.security.cert.Certificate c : ks.getCertificateChain("node")) {
      chain.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(c.getEncoded())).append("\n-----END CERTIFICATE-----\n");
    }
    Files.writeString(cert, chain.toString());
  }

  /** A PKCS12 key store with a key whose certificate the CA signed, followed by the CA certificate. */
  private Path signed(String name, String dname, String ext, String startDate, String validityDays, Path ca, Path caPem) throws IOException {
    Path ks = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "30",
        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    Path csr = dir.resolve(name + ".csr");
    keytool("-certreq", "-alias", "node", "-keystore", ks.toString(), "-storepass", PASSWORD, "-file", csr.toString());
    Path pem = dir.resolve(name + ".pem");
    List<String> gen = new ArrayList<>(Arrays.asList("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
        "-storepass", PASSWORD, "-infile", csr.toString(), "-outfile", pem.toString(), "-ext", ext, "-validity", validityDays));
    if (startDate != null) {
      gen.add("-startdate");
      gen.add(startDate);
    }
    keytool(gen.toArray(new String[0]));
    Path chain = dir.resolve(name + "-chain.pem");
    Files.writeString(chain, Files.readString(pem, StandardCharsets.US_ASCII) + Files.readString(caPem, StandardCharsets.US_ASCII));
    keytool("-importcert", "-noprompt", "-trustcacerts", "-alias", "node", "-file", chain.toString(), "-keystore", ks.toString(),
        "-storepass", PASSWORD);
    return ks;
  }

  private static void keytool(String... args) throws IOException {
    File exe = new File(System.getProperty("java.home"), "bin/keytool");
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.getPath());
    cmd.add("-J-Xshare:auto");
    cmd.add("-J-XX:TieredStopAtLevel=1");
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish: " + cmd);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) throw new IOException("keytool failed (" + p.exitValue() + "): " + cmd + "\n" + out);
  }

  private static void deleteAll(Path d) {
    try (var s = Files.walk(d)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}

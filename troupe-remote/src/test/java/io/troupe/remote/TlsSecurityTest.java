package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.event.LogMarkers;
import io.troupe.remote.tls.TestCertificates;
import io.troupe.remote.tls.TlsTestConfig;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * tls-tcp refuses peers whose certificates it cannot trust: self-signed, expired, for another host (with hostname
 * verification on). Nothing is delivered, the connecting side sees an association error, and the refusal is logged
 * with the SECURITY marker naming the certificate and the trust store. Certificates are made by {@link TestCertificates}.
 */
class TlsSecurityTest {
  static final TestCertificates CERTS = TestCertificates.get();

  final List<ActorSystem> systems = new ArrayList<>();
  ListAppender<ILoggingEvent> logs;
  Logger tlsLogger;

  @BeforeEach
  void captureLogs() {
    tlsLogger = (Logger) LoggerFactory.getLogger("io.troupe.remote.transport.tls");
    logs = new ListAppender<>();
    logs.start();
    tlsLogger.addAppender(logs);
  }

  @AfterEach
  void stop() {
    for (ActorSystem s : systems) TestKit.shutdownActorSystem(s);
    tlsLogger.detachAppender(logs);
  }

  ActorSystem node(String name, Path keyStore, Path trustStore, String extra) {
    Config c = ConfigFactory.parseString("troupe.remote.artery.advanced.handshake-timeout = 3 s\n" + extra)
        .withFallback(TlsTestConfig.tls(keyStore, trustStore))
        .withFallback(RemoteMessagingTest.config());
    ActorSystem s = ActorSystem.create(name, c);
    systems.add(s);
    return s;
  }

  ActorSystem node(String name, Path keyStore) {
    return node(name, keyStore, CERTS.trustStore, "");
  }

  /** A SECURITY-marked WARN log line containing all of {@code parts}, waited for with a deadline. */
  ILoggingEvent awaitSecurityLog(String... parts) {
    Predicate<ILoggingEvent> p = e -> {
      if (e.getMarkerList() == null || !e.getMarkerList().contains(LogMarkers.SECURITY)) return false;
      for (String s : parts) if (!e.getFormattedMessage().contains(s)) return false;
      return true;
    };
    try {
      return Await.value("a SECURITY log containing " + List.of(parts), Duration.ofSeconds(20), () -> {
        synchronized (logs.list) {
          return logs.list.stream().filter(p).findFirst().orElse(null);
        }
      });
    } catch (AssertionError timedOut) {
      List<String> seen = new ArrayList<>();
      synchronized (logs.list) {
        for (ILoggingEvent e : logs.list) seen.add(e.getMarkerList() + " " + e.getFormattedMessage());
      }
      throw new AssertionError("no SECURITY log containing " + List.of(parts) + " within 20 s; logged: " + seen);
    }
  }

  /** Sends from {@code from} to a probe on {@code to}; asserts that nothing arrives and {@code from} sees an association error. */
  void assertRefused(ActorSystem from, ActorSystem to) {
    long received = RemotingCounters.get(to).get(RemotingCounters.Counter.MESSAGES_RECEIVED);
    TestKit target = new TestKit(to);
    TestKit errors = new TestKit(from);
    from.eventStream().subscribe(errors.getRef(), AssociationErrorEvent.class);
    ActorRef ref = RemoteMessagingTest.remoteRef(from, to, target.getRef().path().toStringWithoutAddress());
    ref.tell("must-not-arrive", ActorRef.noSender());
    errors.expectMsgClass(Duration.ofSeconds(20), AssociationErrorEvent.class);
    target.expectNoMessage(Duration.ofMillis(500));
    assertEquals(received, RemotingCounters.get(to).get(RemotingCounters.Counter.MESSAGES_RECEIVED));
  }

  void assertDelivered(ActorSystem from, ActorSystem to) {
    TestKit target = new TestKit(to);
    ActorRef ref = RemoteMessagingTest.remoteRef(from, to, target.getRef().path().toStringWithoutAddress());
    ref.tell("over-tls", ActorRef.noSender());
    target.expectMsg(Duration.ofSeconds(10), "over-tls");
  }

  @Test
  void shouldRefuseAClientWithAnUntrustedCertificate() {
    ActorSystem good = node("Good", CERTS.node);
    ActorSystem rogue = node("Rogue", CERTS.untrusted); // trusts the CA, presents a self-signed certificate
    assertRefused(rogue, good);
    // the server asks for a certificate issued by the CA; the rogue has none and sends an empty chain
    awaitSecurityLog("[Good-remote] TLS handshake with", "server side", "Empty client certificate chain");
  }

  @Test
  void shouldRefuseAServerWithAnUntrustedCertificate() {
    ActorSystem good = node("Good", CERTS.node);
    ActorSystem rogue = node("Rogue", CERTS.untrusted, CERTS.untrustedTrustStore, "");
    assertRefused(good, rogue);
    awaitSecurityLog("refusing TLS server", "CN=untrusted", CERTS.trustStore.toString());
  }

  @Test
  void shouldRefuseAnExpiredCertificate() {
    ActorSystem good = node("Good", CERTS.node);
    ActorSystem expired = node("Expired", CERTS.expired);
    assertRefused(expired, good);
    awaitSecurityLog("refusing TLS client", "CN=expired", "issued by [CN=Troupe Test CA", CERTS.trustStore.toString());
    // every stream's connection is refused, and again after the gate; WARN once, repeats at DEBUG
    long warnings;
    synchronized (logs.list) {
      warnings = logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
          && e.getFormattedMessage().contains("refusing TLS client") && e.getFormattedMessage().contains("CN=expired")).count();
    }
    assertEquals(1, warnings, "one WARN for a repeated refusal");
  }

  @Test
  void shouldRefuseAWrongHostWithHostnameVerificationOn() {
    ActorSystem client = node("Client", CERTS.node, CERTS.trustStore, "troupe.remote.artery.ssl.config-ssl-engine.hostname-verification = on");
    ActorSystem wrong = node("Wrong", CERTS.wrongHost);
    assertRefused(client, wrong);
    awaitSecurityLog("refusing TLS server", "CN=wrong-host.invalid", "127.0.0.1");
  }

  @Test
  void shouldRefuseAPlainTcpPeer() {
    ActorSystem good = node("Good", CERTS.node);
    ActorSystem plain = ActorSystem.create("Plain", ConfigFactory.parseString("troupe.remote.artery.advanced.handshake-timeout = 3 s")
        .withFallback(RemoteMessagingTest.config()));
    systems.add(plain);
    // the plain node's connection is closed (it gates the association as for any lost connection; no TLS error to report)
    TestKit target = new TestKit(good);
    RemoteMessagingTest.remoteRef(plain, good, target.getRef().path().toStringWithoutAddress()).tell("must-not-arrive", ActorRef.noSender());
    awaitSecurityLog("[Good-remote] TLS handshake with", "server side", "NotSslRecordException");
    target.expectNoMessage(Duration.ofMillis(500));
    assertEquals(0, RemotingCounters.get(good).get(RemotingCounters.Counter.MESSAGES_RECEIVED));
  }

  @Test
  void shouldAcceptAWrongHostWithHostnameVerificationOff() {
    ActorSystem client = node("Client", CERTS.node);
    ActorSystem wrong = node("Wrong", CERTS.wrongHost);
    assertDelivered(client, wrong);
    assertDelivered(wrong, client);
  }

  @Test
  void shouldAcceptTheRightHostWithHostnameVerificationOn() {
    String on = "troupe.remote.artery.ssl.config-ssl-engine.hostname-verification = on";
    ActorSystem a = node("A", CERTS.node, CERTS.trustStore, on);
    ActorSystem b = node("B", CERTS.node, CERTS.trustStore, on);
    assertDelivered(a, b);
    assertDelivered(b, a);
  }

  @Test
  void shouldTalkTls12WithConfiguredCipherSuites() {
    String tls12 = "troupe.remote.artery.ssl.config-ssl-engine { protocol = TLSv1.2\n"
        + "enabled-algorithms = [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256] }";
    ActorSystem a = node("A", CERTS.node, CERTS.trustStore, tls12);
    ActorSystem b = node("B", CERTS.node, CERTS.trustStore, tls12);
    assertDelivered(a, b);
    assertDelivered(b, a);
  }

  @Test
  void shouldReadJksStoresWithASeparateKeyPassword() {
    String jks = "troupe.remote.artery.ssl.config-ssl-engine.key-password = " + TestCertificates.JKS_KEY_PASSWORD;
    ActorSystem a = node("A", CERTS.nodeJks, CERTS.trustStore, jks);
    ActorSystem b = node("B", CERTS.node);
    assertDelivered(a, b);
    assertDelivered(b, a);
  }

  /** A provider made through its (Config) constructor, counting the engines it makes. */
  public static class CountingProvider extends io.troupe.remote.transport.tls.ConfigSSLEngineProvider {
    static final java.util.concurrent.atomic.AtomicInteger ENGINES = new java.util.concurrent.atomic.AtomicInteger();

    public CountingProvider(Config config) {
      super(config);
    }

    @Override
    public javax.net.ssl.SSLEngine createClientSSLEngine(String peerHost, int peerPort) {
      ENGINES.incrementAndGet();
      return super.createClientSSLEngine(peerHost, peerPort);
    }
  }

  /** A provider made through its (ActorSystem) constructor that vetoes every server session after the handshake. */
  public static class VetoProvider extends io.troupe.remote.transport.tls.ConfigSSLEngineProvider {
    public VetoProvider(ActorSystem system) {
      super(system);
    }

    @Override
    public java.util.Optional<Throwable> verifyServerSession(String peerHost, javax.net.ssl.SSLSession session) {
      return java.util.Optional.of(new javax.net.ssl.SSLPeerUnverifiedException("vetoed by the test provider"));
    }
  }

  @Test
  void shouldUseAConfiguredEngineProvider() {
    int before = CountingProvider.ENGINES.get();
    ActorSystem a = node("A", CERTS.node, CERTS.trustStore,
        "troupe.remote.artery.ssl.ssl-engine-provider = \"" + CountingProvider.class.getName() + "\"");
    ActorSystem b = node("B", CERTS.node);
    assertDelivered(a, b);
    assertTrue(CountingProvider.ENGINES.get() > before, "engines from the configured provider");
    ActorSystem veto = node("Veto", CERTS.node, CERTS.trustStore,
        "troupe.remote.artery.ssl.ssl-engine-provider = \"" + VetoProvider.class.getName() + "\"");
    assertRefused(veto, b);
    awaitSecurityLog("[Veto-remote] TLS handshake with", "client side", "vetoed by the test provider");
  }

  @Test
  void shouldFailTheStartOnAWrongPasswordOrAnUnknownProvider() {
    Config wrong = ConfigFactory.parseString("troupe.remote.artery.ssl.config-ssl-engine.key-store-password = wrong")
        .withFallback(TlsTestConfig.tls()).withFallback(RemoteMessagingTest.config());
    RuntimeException e = assertThrows(RuntimeException.class, () -> systems.add(ActorSystem.create("Bad", wrong)));
    assertTrue(String.valueOf(e.getMessage()).contains("config-ssl-engine"), e.toString());
    Config unknown = ConfigFactory.parseString("troupe.remote.artery.ssl.ssl-engine-provider = no.such.Provider")
        .withFallback(TlsTestConfig.tls()).withFallback(RemoteMessagingTest.config());
    RuntimeException e2 = assertThrows(RuntimeException.class, () -> systems.add(ActorSystem.create("Bad", unknown)));
    assertTrue(String.valueOf(e2.getMessage()).contains("no.such.Provider"), e2.toString());
  }

  // ---- PEM files and rotation (RotatingKeysSSLEngineProvider) ----

  /** tls.key, tls.crt (of {@code keyStore}) and ca.crt (the test CA) in a fresh directory. */
  static Path pemDir(Path keyStore) throws Exception {
    Path d = java.nio.file.Files.createTempDirectory(CERTS.dir, "pem-");
    TestCertificates.writePem(keyStore, d.resolve("tls.key"), d.resolve("tls.crt"));
    java.nio.file.Files.copy(CERTS.caPem, d.resolve("ca.crt"));
    return d;
  }

  static Config pemConfig(Path d, String ttl) {
    return ConfigFactory.parseString("troupe.remote.artery.ssl {\n"
        + "  ssl-engine-provider = io.troupe.remote.transport.tls.RotatingKeysSSLEngineProvider\n"
        + "  rotating-keys-engine {\n"
        + "    key-file = \"" + d.resolve("tls.key") + "\"\n"
        + "    cert-file = \"" + d.resolve("tls.crt") + "\"\n"
        + "    ca-cert-file = \"" + d.resolve("ca.crt") + "\"\n"
        + "    ssl-context-cache-ttl = " + ttl + "\n"
        + "  }\n"
        + "}\n");
  }

  ActorSystem pemNode(String name, Path d) {
    Config c = pemConfig(d, "200 ms").withFallback(TlsTestConfig.tls()).withFallback(RemoteMessagingTest.config());
    ActorSystem s = ActorSystem.create(name, c);
    systems.add(s);
    return s;
  }

  /** Replaces {@code target} the way a secret mount does: written beside it, then moved over it. */
  static void replace(Path target, String content) throws Exception {
    Path tmp = target.resolveSibling(target.getFileName() + ".new");
    java.nio.file.Files.writeString(tmp, content);
    java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** A throwing action. */
  interface Rotation {
    void run() throws Exception;
  }

  /**
   * {@code server} does not trust the self-signed rogue; after {@code rotate} replaces its trust material it accepts
   * the rogue without a restart, and an association made before goes on.
   */
  void assertRotatedTrustAdmitsTheRogue(ActorSystem server, Rotation rotate) throws Exception {
    ActorSystem good = node("Good", CERTS.node); // a key store based peer of the same CA
    assertDelivered(good, server);
    assertDelivered(server, good);
    ActorSystem rogue = node("Rogue", CERTS.untrusted); // self-signed: not trusted by the server yet
    assertRefused(rogue, server);
    rotate.run();
    TestKit target = new TestKit(server);
    ActorRef ref = RemoteMessagingTest.remoteRef(rogue, server, target.getRef().path().toStringWithoutAddress());
    target.awaitAssert(Duration.ofSeconds(40), Duration.ofMillis(200), () -> {
      ref.tell("after-rotation", ActorRef.noSender());
      target.expectMsg(Duration.ofSeconds(2), "after-rotation");
      return null;
    });
    assertDelivered(good, server);
  }

  @Test
  void shouldTalkWithPemFilesAndPickUpRotatedTrustWithoutARestart() throws Exception {
    Path d = pemDir(CERTS.node);
    // ca.crt is replaced by one that also holds the rogue's self-signed certificate
    assertRotatedTrustAdmitsTheRogue(pemNode("Pem", d), () -> replace(d.resolve("ca.crt"),
        java.nio.file.Files.readString(CERTS.caPem) + java.nio.file.Files.readString(CERTS.untrustedPem)));
  }

  @Test
  void shouldPickUpARotatedTrustStoreWhenConfigured() throws Exception {
    Path d = java.nio.file.Files.createTempDirectory(CERTS.dir, "stores-");
    Path trust = java.nio.file.Files.copy(CERTS.trustStore, d.resolve("trust.p12"));
    ActorSystem server = node("Stores", CERTS.node, trust,
        "troupe.remote.artery.ssl.config-ssl-engine.ssl-context-cache-ttl = 200 ms");
    assertRotatedTrustAdmitsTheRogue(server, () -> {
      java.security.KeyStore ks = java.security.KeyStore.getInstance(CERTS.trustStore.toFile(), TestCertificates.PASSWORD.toCharArray());
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(CERTS.untrustedPem)) {
        ks.setCertificateEntry("rogue", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      Path tmp = d.resolve("trust.p12.new");
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
        ks.store(out, TestCertificates.PASSWORD.toCharArray());
      }
      java.nio.file.Files.move(tmp, trust, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    });
  }

  @Test
  void shouldKeepThePreviousMaterialWhenNewFilesAreUnusable() throws Exception {
    Path d = pemDir(CERTS.node);
    io.troupe.remote.transport.tls.RotatingKeysSSLEngineProvider provider =
        new io.troupe.remote.transport.tls.RotatingKeysSSLEngineProvider(pemConfig(d, "1 ns")
            .withFallback(RemoteMessagingTest.config()).withFallback(ConfigFactory.defaultReference()));
    String goodKey = java.nio.file.Files.readString(d.resolve("tls.key"));
    // a key written halfway
    replace(d.resolve("tls.key"), goodKey.substring(0, goodKey.length() / 2));
    javax.net.ssl.SSLEngine engine = provider.createServerSSLEngine("peer", 1);
    assertTrue(engine.getNeedClientAuth(), "an engine is still made, from the previous material");
    awaitSecurityLog("refusing new TLS key material", "tls.key", "keeping the previous material");
    // a key that does not belong to the certificate
    Path other = pemDir(CERTS.wrongHost);
    replace(d.resolve("tls.key"), java.nio.file.Files.readString(other.resolve("tls.key")));
    provider.createClientSSLEngine("peer", 1);
    awaitSecurityLog("refusing new TLS key material", "does not belong to the first certificate");

    // a node whose files turn bad keeps accepting new connections with what it had
    Path live = pemDir(CERTS.node);
    ActorSystem pem = pemNode("Pem", live);
    replace(live.resolve("tls.key"), "not a key");
    ActorSystem late = node("Late", CERTS.node);
    assertDelivered(late, pem);
    assertDelivered(pem, late);
  }

  @Test
  void shouldFailTheStartOnUnusablePemFiles() throws Exception {
    Path d = pemDir(CERTS.node);
    replace(d.resolve("tls.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    Config pkcs1 = pemConfig(d, "5 m").withFallback(TlsTestConfig.tls()).withFallback(RemoteMessagingTest.config());
    RuntimeException e = assertThrows(RuntimeException.class, () -> systems.add(ActorSystem.create("Bad", pkcs1)));
    assertTrue(String.valueOf(e.getMessage()).contains("openssl pkcs8"), e.toString());
    Path missing = d.resolve("nowhere");
    Config none = pemConfig(missing, "5 m").withFallback(TlsTestConfig.tls()).withFallback(RemoteMessagingTest.config());
    RuntimeException e2 = assertThrows(RuntimeException.class, () -> systems.add(ActorSystem.create("Bad", none)));
    assertTrue(String.valueOf(e2.getMessage()).contains("rotating-keys-engine") && e2.getMessage().contains(missing.toString()), e2.toString());
  }
}

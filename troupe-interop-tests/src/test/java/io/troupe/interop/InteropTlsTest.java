package io.troupe.interop;

import io.troupe.actor.ActorRef;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.tls.TestCertificates;
import io.troupe.remote.tls.TlsTestConfig;
import com.typesafe.config.ConfigRenderOptions;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Troupe and Pekko over {@code tls-tcp} with mutual authentication, certificates made by the test (a CA and node
 * certificates it signs): messages and replies both ways; a Troupe node whose certificate the CA did not sign is refused
 * by Pekko, and nothing it sends arrives.
 */
class InteropTlsTest extends InteropFixture {
  static final Duration MAX = Duration.ofSeconds(20);

  /** Troupe's tls-tcp test configuration (mutual authentication is on by default on both sides) under {@code root}. */
  static String tls(String root, Path keyStore, Path trustStore) {
    return root + ".remote.artery = " + TlsTestConfig.tls(keyStore, trustStore).getConfig("troupe.remote.artery").root()
        .render(ConfigRenderOptions.concise()) + "\n";
  }

  /** A Pekko node with the CA-signed certificate, and a Troupe node presenting {@code troupeKeyStore}. */
  private void start(Path troupeKeyStore) {
    TestCertificates c = TestCertificates.get();
    pekko = PekkoNode.start("PekkoPeer", 0, tls("pekko", c.node, c.trustStore));
    troupe = TroupeNode.start("TroupePeer", 0, tls("troupe", troupeKeyStore, c.trustStore));
  }

  @Test
  void messagesAndRepliesCrossTlsBothWays() {
    start(TestCertificates.get().node);

    TestKit probe = new TestKit(troupe.system);
    ActorRef pekkoEcho = troupe.resolveOne(pekko.address() + "/user/echo", MAX);
    pekkoEcho.tell("over tls from troupe", probe.getRef());
    probe.expectMsg(MAX, "over tls from troupe");

    PekkoProbe pekkoProbe = pekko.probe();
    org.apache.pekko.actor.ActorRef troupeEcho = pekko.resolveOne(troupe.address() + "/user/echo", MAX);
    troupeEcho.tell(new Greeting("over tls from pekko", 2), pekkoProbe.ref);
    pekkoProbe.expectMsg(new Greeting("over tls from pekko", 2), MAX);
  }

  @Test
  void pekkoRefusesATroupeNodeWithAnUntrustedCertificate() {
    // the Troupe node trusts the CA, but presents a self-signed certificate that Pekko does not trust
    start(TestCertificates.get().untrusted);
    TestKit probe = new TestKit(troupe.system);
    ActorRef pekkoEcho = troupe.resolve(pekko.address() + "/user/echo");
    pekkoEcho.tell("from an untrusted node", probe.getRef());
    // the TLS handshake fails, the association is gated and what was queued for it is dropped and counted
    Await.until("the message dropped at the gate", MAX, () -> troupe.counters().get(Counter.DROPPED_GATED) >= 1);
    probe.expectNoMessage(Duration.ofSeconds(1));
  }
}

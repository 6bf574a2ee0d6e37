package io.troupe.interop;

import io.troupe.actor.ActorRef;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.tls.TestCertificates;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Troupe and Pekko over {@code tls-tcp} with mutual authentication, certificates made by the test (a CA and node
 * certificates it signs): messages and replies both ways; a Troupe node whose certificate the CA did not sign is refused
 * by Pekko, and nothing it sends arrives.
 */
class InteropTlsTest {
  static final Duration MAX = Duration.ofSeconds(20);

  PekkoNode pekko;
  TroupeNode troupe;

  @AfterEach
  void stop() {
    if (troupe != null) troupe.close();
    if (pekko != null) pekko.close();
  }

  static String pekkoTls(Path keyStore, Path trustStore) {
    return "pekko.remote.artery {\n"
        + "  transport = tls-tcp\n"
        + "  ssl.config-ssl-engine {\n"
        + "    key-store = \"" + keyStore + "\"\n"
        + "    trust-store = \"" + trustStore + "\"\n"
        + "    key-store-password = " + TestCertificates.PASSWORD + "\n"
        + "    key-password = " + TestCertificates.PASSWORD + "\n"
        + "    trust-store-password = " + TestCertificates.PASSWORD + "\n"
        + "    require-mutual-authentication = on\n"
        + "  }\n"
        + "}\n";
  }

  static String troupeTls(Path keyStore, Path trustStore) {
    return pekkoTls(keyStore, trustStore).replace("pekko.remote.artery", "troupe.remote.artery");
  }

  @Test
  void messagesAndRepliesCrossTlsBothWays() {
    TestCertificates c = TestCertificates.get();
    pekko = PekkoNode.start("PekkoPeer", 0, pekkoTls(c.node, c.trustStore));
    troupe = TroupeNode.start("TroupePeer", 0, troupeTls(c.node, c.trustStore));

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
    TestCertificates c = TestCertificates.get();
    pekko = PekkoNode.start("PekkoPeer", 0, pekkoTls(c.node, c.trustStore));
    // the Troupe node trusts the CA, but presents a self-signed certificate that Pekko does not trust
    troupe = TroupeNode.start("TroupePeer", 0, troupeTls(c.untrusted, c.trustStore));
    TestKit probe = new TestKit(troupe.system);
    ActorRef pekkoEcho = troupe.resolve(pekko.address() + "/user/echo");
    pekkoEcho.tell("from an untrusted node", probe.getRef());
    // the TLS handshake fails, the association is gated and what was queued for it is dropped and counted
    Await.until("the message dropped at the gate", MAX, () -> troupe.counters().get(Counter.DROPPED_GATED) >= 1);
    probe.expectNoMessage(Duration.ofSeconds(1));
  }
}

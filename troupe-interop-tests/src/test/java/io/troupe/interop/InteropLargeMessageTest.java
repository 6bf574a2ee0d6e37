package io.troupe.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Props;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The large-message stream between Troupe and Pekko: {@code /user/large} is a large destination on both sides, so a
 * 1 MiB message (four times the ordinary frame limit) crosses on stream 3 in both directions; the receiver answers with
 * the length and content hash over the ordinary stream.
 */
class InteropLargeMessageTest {
  static final Duration MAX = Duration.ofSeconds(20);
  static final String PEKKO_LARGE = "pekko.remote.artery.large-message-destinations = [\"/user/large\"]\n"
      + "pekko.remote.artery.advanced.maximum-large-frame-size = 4 MiB\n";
  static final String TROUPE_LARGE = "troupe.remote.artery.large-message-destinations = [\"/user/large\"]\n"
      + "troupe.remote.artery.advanced.maximum-large-frame-size = 4 MiB\n";

  static PekkoNode pekko;
  static TroupeNode troupe;

  @BeforeAll
  static void start() {
    pekko = PekkoNode.start("PekkoPeer", 0, PEKKO_LARGE);
    pekko.system.actorOf(org.apache.pekko.actor.Props.create(OnPekko.class), "large");
    troupe = TroupeNode.start("TroupePeer", 0, TROUPE_LARGE);
    troupe.system.actorOf(Props.create(OnTroupe.class), "large");
  }

  @AfterAll
  static void stop() {
    if (troupe != null) troupe.close();
    if (pekko != null) pekko.close();
  }

  static byte[] big(long seed) {
    byte[] b = new byte[1024 * 1024];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** What the large actors answer: the length and content hash of a byte array. */
  static String digest(byte[] b) {
    return b.length + ":" + Arrays.hashCode(b);
  }

  @Test
  void troupeSendsAOneMebibyteMessageToPekkosLargeDestination() {
    ActorRef large = troupe.resolveOne(pekko.address() + "/user/large", MAX);
    TestKit probe = new TestKit(troupe.system);
    byte[] b = big(1);
    large.tell(b, probe.getRef());
    probe.expectMsg(MAX, digest(b));
  }

  @Test
  void troupeDropsAOneMebibyteMessageToAnOrdinaryPekkoDestination() {
    ActorRef echo = troupe.resolveOne(pekko.address() + "/user/echo", MAX);
    TestKit probe = new TestKit(troupe.system);
    long before = troupe.counters().get(Counter.DROPPED_FRAME_TOO_LARGE);
    echo.tell(big(2), probe.getRef());
    Await.until("the too-large message counted", MAX, () -> troupe.counters().get(Counter.DROPPED_FRAME_TOO_LARGE) == before + 1);
    echo.tell("still there", probe.getRef());
    probe.expectMsg(MAX, "still there");
  }

  @Test
  void pekkoSendsAOneMebibyteMessageToTroupesLargeDestination() {
    org.apache.pekko.actor.ActorRef large = pekko.resolveOne(troupe.address() + "/user/large", MAX);
    PekkoProbe probe = pekko.probe();
    byte[] b = big(3);
    large.tell(b, probe.ref);
    probe.expectMsg(digest(b), MAX);
  }

  static final class OnTroupe extends io.troupe.actor.AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().match(byte[].class, b -> getSender().tell(digest(b), getSelf())).build();
    }
  }

  static final class OnPekko extends org.apache.pekko.actor.AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().match(byte[].class, b -> getSender().tell(digest(b), getSelf())).build();
    }
  }
}

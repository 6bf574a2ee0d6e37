package io.troupe.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Props;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compression tables between Troupe and Pekko, with advertisement intervals of 300 ms on both sides: after a table is
 * advertised and acknowledged, the sender writes compressed actor refs (recipient and sender) and manifests (the
 * {@link Greeting} class name), and the receiver decodes them; every message still arrives in order, none is dropped
 * for an unknown table entry.
 */
class InteropCompressionTest extends InteropFixture {
  static final Duration MAX = Duration.ofSeconds(20);
  static final int MAX_WINDOWS = 200;
  static final String INTERVALS = "advanced.compression.actor-refs.advertisement-interval = 300ms\n"
      + "advanced.compression.manifests.advertisement-interval = 300ms\n";

  @BeforeEach
  void start() {
    pekko = PekkoNode.start("PekkoPeer", 0, "pekko.remote.artery {\n" + INTERVALS + "}\n");
    troupe = TroupeNode.start("TroupePeer", 0, "troupe.remote.artery {\n" + INTERVALS + "}\n");
  }

  @Test
  void troupeDecodesWhatPekkoCompressesWithTroupesTables() {
    troupe.system.actorOf(Props.create(InOrderSinks.OnTroupe.class), "sink");
    org.apache.pekko.actor.ActorRef sink = pekko.resolve(troupe.address() + "/user/sink");
    PekkoProbe probe = pekko.probe();
    LongSupplier compressed = () -> troupe.counters().get(Counter.COMPRESSED_MESSAGES_RECEIVED);
    int next = 0;
    int w = 0;
    // windows until Troupe has advertised, Pekko has acked and switched, and compressed frames arrive
    for (; compressed.getAsLong() == 0; w++) {
      assertTrue(w < MAX_WINDOWS, "no compressed message from Pekko after " + w + " windows");
      for (int i = 0; i < InOrderSinks.WINDOW; i++) sink.tell(new Greeting("g", next++), probe.ref);
      probe.expectMsg("ack-" + next, MAX);
    }
    long before = compressed.getAsLong();
    for (int k = 0; k < 5; k++) {
      for (int i = 0; i < InOrderSinks.WINDOW; i++) sink.tell(new Greeting("g", next++), probe.ref);
      probe.expectMsg("ack-" + next, MAX);
    }
    assertTrue(compressed.getAsLong() >= before + 5 * InOrderSinks.WINDOW, "the later windows arrived compressed");
    assertTrue(troupe.counters().get(Counter.COMPRESSION_TABLES_ADVERTISED) > 0);
    assertEquals(0, troupe.counters().get(Counter.DROPPED_COMPRESSION_UNKNOWN));
  }

  @Test
  void pekkoDecodesWhatTroupeCompressesWithPekkosTables() {
    pekko.system.actorOf(org.apache.pekko.actor.Props.create(InOrderSinks.OnPekko.class), "sink");
    ActorRef sink = troupe.resolve(pekko.address() + "/user/sink");
    TestKit probe = new TestKit(troupe.system);
    LongSupplier compressed = () -> troupe.counters().get(Counter.COMPRESSED_MESSAGES_SENT);
    int next = 0;
    int w = 0;
    for (; compressed.getAsLong() == 0; w++) {
      assertTrue(w < MAX_WINDOWS, "Troupe never compressed toward Pekko after " + w + " windows");
      for (int i = 0; i < InOrderSinks.WINDOW; i++) sink.tell(new Greeting("g", next++), probe.getRef());
      probe.expectMsg(MAX, "ack-" + next);
    }
    long before = compressed.getAsLong();
    for (int k = 0; k < 5; k++) {
      for (int i = 0; i < InOrderSinks.WINDOW; i++) sink.tell(new Greeting("g", next++), probe.getRef());
      probe.expectMsg(MAX, "ack-" + next);
    }
    assertTrue(compressed.getAsLong() >= before + 5 * InOrderSinks.WINDOW, "the later windows went out compressed");
    assertTrue(troupe.counters().get(Counter.COMPRESSION_TABLES_ACCEPTED) > 0);
  }
}

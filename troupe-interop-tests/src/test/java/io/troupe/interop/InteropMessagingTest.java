package io.troupe.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Identify;
import io.troupe.actor.Props;
import io.troupe.pattern.Patterns;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Pekko 1.7.0 node and a Troupe node in this JVM, over Artery TCP on loopback: lookup, every built-in payload
 * type and a Jackson one, replies, ask, and 100 000 messages in order, in both directions.
 */
class InteropMessagingTest {
  static final Duration MAX = Duration.ofSeconds(20);
  /** String, Long, Integer, Boolean, byte[] and a Jackson JSON payload. */
  static final List<Object> PAYLOADS = List.of("hello", 42L, 7, true, new byte[] {1, 2, 3, -1}, new Greeting("json", 1));

  static PekkoNode pekko;
  static TroupeNode troupe;

  @BeforeAll
  static void start() {
    pekko = PekkoNode.start("PekkoPeer", 0, "");
    troupe = TroupeNode.start("TroupePeer", 0, "");
  }

  @AfterAll
  static void stop() {
    if (troupe != null) troupe.close();
    if (pekko != null) pekko.close();
  }

  static void assertPayload(Object expected, Object actual) {
    if (expected instanceof byte[]) assertArrayEquals((byte[]) expected, (byte[]) actual);
    else assertEquals(expected, actual);
  }

  // ------------------------------------------------------------------ Troupe to Pekko

  @Test
  void troupeLooksUpAPekkoActorWithIdentifyAndResolveOne() {
    TestKit probe = new TestKit(troupe.system);
    troupe.system.actorSelection(pekko.address() + "/user/echo").tell(new Identify("id-1"), probe.getRef());
    ActorIdentity id = probe.expectMsgClass(MAX, ActorIdentity.class);
    assertEquals("id-1", id.correlationId());
    ActorRef echo = id.getActorRef().orElseThrow(() -> new AssertionError("Pekko's echo not identified"));
    assertEquals(pekko.address() + "/user/echo", echo.path().toString());
    assertEquals(echo, troupe.resolveOne(pekko.address() + "/user/echo", MAX));

    troupe.system.actorSelection(pekko.address() + "/user/nobody").tell(new Identify("id-2"), probe.getRef());
    ActorIdentity none = probe.expectMsgClass(MAX, ActorIdentity.class);
    assertEquals("id-2", none.correlationId());
    assertTrue(none.getActorRef().isEmpty(), "no actor at /user/nobody");
  }

  @Test
  void troupeSendsEveryPayloadTypeToPekkoAndGetsTheReply() {
    TestKit probe = new TestKit(troupe.system);
    ActorRef echo = troupe.resolveOne(pekko.address() + "/user/echo", MAX);
    long directBefore = io.troupe.remote.RemotingCounters.get(troupe.system).get(Counter.MESSAGES_SENT_DIRECT);
    for (Object p : PAYLOADS) {
      echo.tell(p, probe.getRef());
      assertPayload(p, probe.expectMsgClass(MAX, p.getClass()));
      assertEquals(echo, probe.getLastSender(), "the reply comes from Pekko's echo");
    }
    // one message at a time to an idle connection: the sending thread wrote (most of) them itself, and Pekko read them
    assertTrue(io.troupe.remote.RemotingCounters.get(troupe.system).get(Counter.MESSAGES_SENT_DIRECT) > directBefore,
        "direct writes reached Pekko");
  }

  @Test
  void troupeAsksPekko() throws Exception {
    ActorRef echo = troupe.resolveOne(pekko.address() + "/user/echo", MAX);
    for (Object p : PAYLOADS) {
      Object answer = Patterns.ask(echo, p, MAX).toCompletableFuture().get(MAX.toSeconds() + 5, TimeUnit.SECONDS);
      assertPayload(p, answer);
    }
  }

  @Test
  void troupeSends100000MessagesToPekkoInOrder() {
    org.apache.pekko.actor.ActorRef sink = pekko.system.actorOf(org.apache.pekko.actor.Props.create(InOrderSinks.OnPekko.class), "sink-from-troupe");
    ActorRef remoteSink = troupe.resolve(pekko.address() + "/user/sink-from-troupe");
    TestKit probe = new TestKit(troupe.system);
    long dropsBefore = dropped();
    for (int w = 0; w < 100; w++) {
      for (int i = 0; i < InOrderSinks.WINDOW; i++) remoteSink.tell(w * InOrderSinks.WINDOW + i, probe.getRef());
      probe.expectMsg(MAX, "ack-" + (w + 1) * InOrderSinks.WINDOW);
    }
    assertEquals(dropsBefore, dropped(), "no message dropped on the Troupe side");
    pekko.system.stop(sink);
  }

  // ------------------------------------------------------------------ Pekko to Troupe

  @Test
  void pekkoLooksUpATroupeActorWithIdentifyAndResolveOne() {
    PekkoProbe probe = pekko.probe();
    pekko.system.actorSelection(troupe.address() + "/user/echo").tell(new org.apache.pekko.actor.Identify("id-1"), probe.ref);
    org.apache.pekko.actor.ActorIdentity id = probe.expectMsgClass(org.apache.pekko.actor.ActorIdentity.class, MAX);
    assertEquals("id-1", id.correlationId());
    org.apache.pekko.actor.ActorRef echo = id.getActorRef().orElseThrow(() -> new AssertionError("Troupe's echo not identified"));
    assertEquals(troupe.address() + "/user/echo", echo.path().toString());
    assertEquals(echo, pekko.resolveOne(troupe.address() + "/user/echo", MAX));

    pekko.system.actorSelection(troupe.address() + "/user/nobody").tell(new org.apache.pekko.actor.Identify("id-2"), probe.ref);
    org.apache.pekko.actor.ActorIdentity none = probe.expectMsgClass(org.apache.pekko.actor.ActorIdentity.class, MAX);
    assertEquals("id-2", none.correlationId());
    assertTrue(none.getActorRef().isEmpty(), "no actor at /user/nobody");
  }

  @Test
  void pekkoSendsEveryPayloadTypeToTroupeAndGetsTheReply() {
    PekkoProbe probe = pekko.probe();
    org.apache.pekko.actor.ActorRef echo = pekko.resolveOne(troupe.address() + "/user/echo", MAX);
    for (Object p : PAYLOADS) {
      echo.tell(p, probe.ref);
      PekkoProbe.Received r = probe.receive(String.valueOf(p), MAX);
      assertPayload(p, r.msg());
      assertEquals(echo, r.sender(), "the reply comes from Troupe's echo");
    }
  }

  @Test
  void pekkoAsksTroupe() throws Exception {
    org.apache.pekko.actor.ActorRef echo = pekko.resolveOne(troupe.address() + "/user/echo", MAX);
    for (Object p : PAYLOADS) {
      Object answer = org.apache.pekko.pattern.Patterns.ask(echo, p, MAX).toCompletableFuture().get(MAX.toSeconds() + 5, TimeUnit.SECONDS);
      assertPayload(p, answer);
    }
  }

  @Test
  void pekkoSends100000MessagesToTroupeInOrder() {
    ActorRef sink = troupe.system.actorOf(Props.create(InOrderSinks.OnTroupe.class), "sink-from-pekko");
    org.apache.pekko.actor.ActorRef remoteSink = pekko.resolve(troupe.address() + "/user/sink-from-pekko");
    PekkoProbe probe = pekko.probe();
    long receivedBefore = troupe.counters().get(Counter.MESSAGES_RECEIVED);
    for (int w = 0; w < 100; w++) {
      for (int i = 0; i < InOrderSinks.WINDOW; i++) remoteSink.tell(w * InOrderSinks.WINDOW + i, probe.ref);
      probe.expectMsg("ack-" + (w + 1) * InOrderSinks.WINDOW, MAX);
    }
    assertTrue(troupe.counters().get(Counter.MESSAGES_RECEIVED) - receivedBefore >= 100_000, "Troupe counted every message");
    troupe.system.stop(sink);
  }

  private static long dropped() {
    long n = 0;
    for (Counter c : Counter.values()) if (c.isDrop()) n += troupe.counters().get(c);
    return n;
  }
}

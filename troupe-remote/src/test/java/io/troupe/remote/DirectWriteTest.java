package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Direct writes ({@code troupe.remote.artery.advanced.tcp.direct-writes}): a sending thread that finds the ordinary
 * connection idle writes its message to the socket itself. Over tcp they must happen for request-reply traffic and
 * keep every sender's order when senders mix direct and batched writes; over tls-tcp (the second pass of this module's
 * component tests) and with the setting off they must not happen at all.
 */
class DirectWriteTest {
  private final List<ActorSystem> systems = new ArrayList<>();

  @AfterEach
  void stop() {
    for (ActorSystem s : systems) TestKit.shutdownActorSystem(s);
  }

  private ActorSystem node(String name, String extra) {
    Config c = ConfigFactory.parseString(extra).withFallback(RemoteMessagingTest.config());
    ActorSystem s = ActorSystem.create(name, c);
    systems.add(s);
    return s;
  }

  private static boolean tls() {
    return "tls-tcp".equals(System.getProperty(RemoteMessagingTest.TRANSPORT_PROPERTY, "tcp"));
  }

  private static long count(ActorSystem s, Counter c) {
    return RemotingCounters.get(s).get(c);
  }

  public static class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  /** One message at a time, each waiting for its reply: the connection is idle at every send. */
  private void pingPong(ActorSystem a, ActorSystem b, int n) {
    b.actorOf(Props.create(Echo.class), "echo");
    ActorRef echo = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
    TestKit probe = new TestKit(a);
    for (int i = 0; i < n; i++) {
      echo.tell("ping-" + i, probe.getRef());
      probe.expectMsg(Duration.ofSeconds(10), "ping-" + i);
    }
  }

  @Test
  void requestReplyIsWrittenByTheSendingThreadsOverTcp() {
    ActorSystem a = node("A", "");
    ActorSystem b = node("B", "");
    pingPong(a, b, 500);
    if (tls()) {
      assertEquals(0, count(a, Counter.MESSAGES_SENT_DIRECT), "tls-tcp never writes directly");
      assertEquals(0, count(b, Counter.MESSAGES_SENT_DIRECT), "tls-tcp never writes directly");
    } else {
      // the first messages go before the connection is up; after that nearly every ping and every pong is direct
      assertTrue(count(a, Counter.MESSAGES_SENT_DIRECT) > 250, "pings written directly: " + count(a, Counter.MESSAGES_SENT_DIRECT));
      assertTrue(count(b, Counter.MESSAGES_SENT_DIRECT) > 250, "pongs written directly: " + count(b, Counter.MESSAGES_SENT_DIRECT));
    }
    assertTrue(count(a, Counter.MESSAGES_SENT) >= 500);
  }

  @Test
  void offMeansTheIoThreadWritesEverything() {
    String off = "troupe.remote.artery.advanced.tcp.direct-writes = off";
    ActorSystem a = node("A", off);
    ActorSystem b = node("B", off);
    pingPong(a, b, 100);
    assertEquals(0, count(a, Counter.MESSAGES_SENT_DIRECT));
    assertEquals(0, count(b, Counter.MESSAGES_SENT_DIRECT));
  }

  /** Counts per sender and notes any message that arrives out of its sender's order; "report" answers a summary. */
  public static class OrderCheck extends AbstractActor {
    private final Map<Integer, Integer> next = new HashMap<>();
    private long received;
    private long outOfOrder;

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(String.class, s -> s.startsWith("seq "), s -> {
            String[] p = s.split(" ");
            int sender = Integer.parseInt(p[1]);
            int n = Integer.parseInt(p[2]);
            int expected = next.getOrDefault(sender, 0);
            if (n != expected) outOfOrder++;
            next.put(sender, n + 1);
            received++;
          })
          .matchEquals("report", r -> getSender().tell(received + " received, " + outOfOrder + " out of order", getSelf()))
          .build();
    }
  }

  @Test
  void concurrentSendersKeepTheirOrderWhenDirectAndBatchedWritesMix() throws Exception {
    // a queue large enough that nothing is dropped while four threads send as fast as they can
    String big = "troupe.remote.artery.advanced.outbound-message-queue-size = 100000";
    ActorSystem a = node("A", big);
    ActorSystem b = node("B", big);
    b.actorOf(Props.create(OrderCheck.class), "check");
    ActorRef check = RemoteMessagingTest.remoteRef(a, b, "/user/check");
    // connect and finish the handshake first
    pingPong(a, b, 5);
    int senders = 4;
    int perSender = 10_000;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < perSender; i++) {
          check.tell("seq " + id + " " + i, ActorRef.noSender());
          if (rnd.nextInt(8) == 0) {
            // now and then a pause longer than the direct-write gap, so that the connection goes idle
            long until = System.nanoTime() + 30_000 + rnd.nextInt(50_000);
            while (System.nanoTime() < until) Thread.onSpinWait();
          }
        }
      }, "sender-" + t);
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) th.join(60_000);
    TestKit probe = new TestKit(a);
    String expected = (senders * perSender) + " received, 0 out of order";
    probe.awaitAssert(Duration.ofSeconds(30), () -> {
      check.tell("report", probe.getRef());
      assertEquals(expected, probe.expectMsgClass(Duration.ofSeconds(5), String.class));
      return null;
    });
    assertEquals(0, count(a, Counter.DROPPED_QUEUE_FULL));
    long direct = count(a, Counter.MESSAGES_SENT_DIRECT);
    if (tls()) {
      assertEquals(0, direct);
    } else {
      assertTrue(direct > 0, "some messages went directly");
      assertTrue(direct < senders * perSender, "and some in batches: " + direct);
    }
  }
}

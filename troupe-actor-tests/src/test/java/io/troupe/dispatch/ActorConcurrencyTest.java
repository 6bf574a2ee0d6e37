package io.troupe.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An actor runs on one thread at a time, and messages from one sender arrive in the order sent. */
class ActorConcurrencyTest {
  private static ActorSystem system;

  @BeforeAll
  static void setUp() {
    // throughput 1 and a shared queue: the mailbox is rescheduled after every message, on whichever thread is free
    system = ActorSystem.create("ActorConcurrencyTest", ConfigFactory.parseString(String.join("\n",
        "hop-dispatcher {",
        "  type = Dispatcher",
        "  executor = thread-pool-executor",
        "  thread-pool-executor { fixed-pool-size = 4 }",
        "  throughput = 1",
        "}")).withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
  }

  record Report(long count, int overlaps, int threads) {}

  /** Counts messages with plain fields and notices when it is entered while already running. */
  static final class Counter extends AbstractActor {
    private boolean busy;
    private long count;
    private int overlaps;
    private final Set<Thread> threads = new HashSet<>();

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("report", m -> getSender().tell(new Report(count, overlaps, threads.size()), getSelf()))
          .matchAny(m -> {
            if (busy) overlaps++;
            busy = true;
            long c = count;
            threads.add(Thread.currentThread());
            for (int i = 0; i < 20; i++) Thread.onSpinWait(); // widen the window a second thread would hit
            count = c + 1;
            busy = false;
          })
          .build();
    }
  }

  @Test
  void shouldNeverRunOnTwoThreadsAtOnceWhenManyThreadsSend() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef counter = system.actorOf(Props.create(Counter.class).withDispatcher("hop-dispatcher"));
    int senders = 8;
    int perSender = 25_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perSender; i++) counter.tell(i, ActorRef.noSender());
      }, "hammer-" + t);
      th.start();
      threads.add(th);
    }
    start.countDown();
    for (Thread th : threads) th.join(30_000);
    // every tell above completed before this one, so "report" is processed after all of them
    probe.send(counter, "report");
    Report r = probe.expectMsgClass(Duration.ofSeconds(30), Report.class);
    assertEquals(0, r.overlaps(), "the actor was entered while running");
    assertEquals((long) senders * perSender, r.count(), "updates were lost: the actor ran concurrently");
    assertTrue(r.threads() > 1, "the test needs the actor to move between threads; it ran on " + r.threads());
  }

  record Seq(int sender, int n) {}

  record OrderReport(Map<Integer, Integer> received, int violations) {}

  /** Checks that each sender's sequence numbers arrive in order. */
  static final class OrderChecker extends AbstractActor {
    private final Map<Integer, Integer> next = new HashMap<>();
    private int violations;

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Seq.class, s -> {
            int expected = next.getOrDefault(s.sender(), 0);
            if (s.n() != expected) violations++;
            next.put(s.sender(), s.n() + 1);
          })
          .matchEquals("report", m -> getSender().tell(new OrderReport(new HashMap<>(next), violations), getSelf()))
          .build();
    }
  }

  /** Sends {@code count} numbered messages to the target, then tells the probe it is done. */
  static final class SeqSender extends AbstractActor {
    private final int id;
    private final int count;
    private final ActorRef target;

    SeqSender(int id, int count, ActorRef target) {
      this.id = id;
      this.count = count;
      this.target = target;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchEquals("go", m -> {
        for (int i = 0; i < count; i++) target.tell(new Seq(id, i), getSelf());
        getSender().tell("done:" + id, getSelf());
      }).build();
    }
  }

  @Test
  void shouldKeepPerSenderOrderWhen100kMessagesAreSent() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef checker = system.actorOf(Props.create(OrderChecker.class).withDispatcher("hop-dispatcher"));
    int n = 100_000;
    ActorRef s1 = system.actorOf(Props.create(SeqSender.class, 1, n, checker));
    ActorRef s2 = system.actorOf(Props.create(SeqSender.class, 2, n, checker).withDispatcher("hop-dispatcher"));
    Thread plain = new Thread(() -> {
      for (int i = 0; i < n; i++) checker.tell(new Seq(3, i), ActorRef.noSender());
    }, "order-plain-sender");
    probe.send(s1, "go");
    probe.send(s2, "go");
    plain.start();
    probe.expectMsgAllOf(Duration.ofSeconds(30), "done:1", "done:2");
    plain.join(30_000);
    probe.send(checker, "report");
    OrderReport r = probe.expectMsgClass(Duration.ofSeconds(30), OrderReport.class);
    assertEquals(0, r.violations(), "messages of one sender overtook each other");
    assertEquals(Map.of(1, n, 2, n, 3, n), r.received());
  }
}

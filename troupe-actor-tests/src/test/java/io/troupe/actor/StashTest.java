package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AbstractActorWithStash: order of unstashed messages, misuse, capacity, restart and stop. */
class StashTest {
  private static ActorSystem system;
  private static ActorSystem smallDefaultStash;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("StashTest", ConfigFactory.parseString(String.join("\n",
        "small-stash-mailbox { mailbox-type = \"io.troupe.dispatch.UnboundedMailbox\", stash-capacity = 2 }",
        "stash-dispatcher { type = Dispatcher, executor = thread-pool-executor, thread-pool-executor.fixed-pool-size = 1,"
            + " stash-capacity = 1 }")).withFallback(ConfigFactory.load()));
    smallDefaultStash = ActorSystem.create("StashTest-default", ConfigFactory.parseString(
        "troupe.actor.default-mailbox.stash-capacity = 3").withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
    TestKit.shutdownActorSystem(smallDefaultStash);
  }

  /**
   * Stashes strings until "open" (which waits for {@code gate}, so the test can queue newer messages first), then
   * unstashes and forwards everything. Reports stash failures to the probe instead of failing.
   */
  static final class Stasher extends AbstractActorWithStash {
    private final ActorRef probe;
    private final CountDownLatch gate;

    Stasher(ActorRef probe, CountDownLatch gate) {
      this.probe = probe;
      this.gate = gate;
    }

    private Receive open() {
      return receiveBuilder().matchAny(m -> probe.tell(m, getSelf())).build();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("open", m -> {
            if (!gate.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
            unstashAll();
            getContext().become(open());
          })
          .matchEquals("twice", m -> {
            stash();
            try {
              stash();
              probe.tell("stashed twice without error", getSelf());
            } catch (IllegalStateException e) {
              probe.tell("IllegalStateException", getSelf());
            }
          })
          .matchEquals("fail", m -> {
            throw new IllegalStateException("expected failure (test)");
          })
          .matchEquals("size", m -> probe.tell(stashSize(), getSelf()))
          .match(String.class, m -> {
            try {
              stash();
              probe.tell("stashed:" + m, getSelf());
            } catch (StashOverflowException e) {
              probe.tell("overflow:" + m, getSelf());
            }
          })
          .build();
    }

    @Override
    public void postRestart(Throwable reason) {
      probe.tell("restarted", getSelf());
      getContext().become(open());
    }
  }

  private static ActorRef stasher(ActorSystem sys, TestKit probe, CountDownLatch gate, Props base) {
    return sys.actorOf(base == null ? Props.create(Stasher.class, probe.getRef(), gate) : base);
  }

  private static CountDownLatch open() {
    return new CountDownLatch(0);
  }

  @Test
  void shouldReplayInOriginalOrderAheadOfNewerMessagesWhenUnstashed() {
    TestKit probe = new TestKit(system);
    CountDownLatch gate = new CountDownLatch(1);
    ActorRef a = stasher(system, probe, gate, null);
    for (String s : List.of("a", "b", "c")) {
      probe.send(a, s);
      probe.expectMsg("stashed:" + s);
    }
    probe.send(a, "open");
    probe.send(a, "d"); // queued behind "open" before the actor unstashes
    probe.send(a, "e");
    gate.countDown();
    assertEquals(List.of("a", "b", "c", "d", "e"), probe.receiveN(5));
  }

  @Test
  void shouldKeepOrderWhenManyMessagesAreStashed() {
    TestKit probe = new TestKit(system);
    CountDownLatch gate = new CountDownLatch(1);
    ActorRef a = stasher(system, probe, gate, null);
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      probe.send(a, "m" + i);
      expected.add("m" + i);
    }
    probe.receiveN(500);
    probe.send(a, "open");
    for (int i = 500; i < 600; i++) {
      probe.send(a, "m" + i);
      expected.add("m" + i);
    }
    gate.countDown();
    assertEquals(expected, probe.receiveN(600));
  }

  @Test
  void shouldThrowIllegalStateWhenSameMessageStashedTwice() {
    TestKit probe = new TestKit(system);
    ActorRef a = stasher(system, probe, open(), null);
    probe.send(a, "twice");
    probe.expectMsg("IllegalStateException");
    probe.send(a, "size");
    probe.expectMsg(1);
  }

  @Test
  void shouldThrowStashOverflowWhenMailboxStashCapacityReached() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Stasher.class, probe.getRef(), open()).withMailbox("small-stash-mailbox"));
    probe.send(a, "a");
    probe.send(a, "b");
    probe.send(a, "c");
    probe.expectMsg("stashed:a");
    probe.expectMsg("stashed:b");
    probe.expectMsg("overflow:c");
  }

  @Test
  void shouldThrowStashOverflowWhenDefaultMailboxStashCapacityReached() {
    TestKit probe = new TestKit(smallDefaultStash);
    ActorRef a = stasher(smallDefaultStash, probe, open(), null);
    for (String s : List.of("a", "b", "c", "d")) probe.send(a, s);
    assertEquals(List.of("stashed:a", "stashed:b", "stashed:c", "overflow:d"), probe.receiveN(4));
  }

  @Test
  void shouldThrowStashOverflowWhenDispatcherStashCapacityReached() {
    // as Pekko's Mailboxes.stashCapacity: the mailbox block, then the dispatcher block, then the default mailbox
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Stasher.class, probe.getRef(), open()).withDispatcher("stash-dispatcher"));
    probe.send(a, "a");
    probe.send(a, "b");
    assertEquals(List.of("stashed:a", "overflow:b"), probe.receiveN(2));
  }

  @Test
  void shouldRedeliverStashedMessagesWhenActorRestarts() {
    TestKit probe = new TestKit(system);
    ActorRef a = stasher(system, probe, open(), null);
    probe.send(a, "a");
    probe.send(a, "b");
    probe.send(a, "fail");
    probe.send(a, "c");
    assertEquals(List.of("stashed:a", "stashed:b", "restarted", "a", "b", "c"), probe.receiveN(6));
  }

  @Test
  void shouldSendStashedMessagesToDeadLettersWhenActorStops() {
    TestKit probe = new TestKit(system);
    ActorRef a = stasher(system, probe, open(), null);
    probe.send(a, "a");
    probe.send(a, "b");
    probe.expectMsg("stashed:a");
    probe.expectMsg("stashed:b");
    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    try {
      probe.watch(a);
      a.tell(PoisonPill.getInstance(), ActorRef.noSender());
      List<Object> dead = new ArrayList<>();
      probe.fishForMessage(Duration.ofSeconds(3), "Terminated", m -> {
        if (m instanceof DeadLetter && ((DeadLetter) m).recipient().equals(a)) dead.add(((DeadLetter) m).message());
        return m instanceof Terminated;
      });
      assertEquals(List.of("a", "b"), dead);
      for (Object o : dead) assertEquals(String.class, o.getClass());
    } finally {
      system.eventStream().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldAnswerIdentifyWhileStashing() {
    TestKit probe = new TestKit(system);
    ActorRef a = stasher(system, probe, open(), null);
    probe.send(a, "x");
    probe.expectMsg("stashed:x");
    probe.send(a, new Identify("id"));
    assertEquals(new ActorIdentity("id", Optional.of(a)), probe.expectMsgClass(ActorIdentity.class));
  }
}

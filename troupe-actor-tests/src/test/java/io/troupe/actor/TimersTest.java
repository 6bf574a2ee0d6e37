package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.internal.ActorCell;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AbstractActorWithTimers: single and periodic timers, keys, replacement, cancellation, restart and stop. */
class TimersTest {
  private static ActorSystem system;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("TimersTest");
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
  }

  record Single(String key, Object msg, Duration delay) {}

  record FixedDelay(String key, Object msg, Duration delay) {}

  record FixedRate(String key, Object msg, Duration interval) {}

  record Cancel(String key) {}

  record IsActive(String key) {}

  /** Answer of every command: which keys are active afterwards. */
  record Active(String key, boolean active) {}

  record Replace(String key) {}

  /**
   * Runs timer commands and answers each with {@link Active} for the command's key (so start and check happen in one
   * message); forwards everything else, timer messages included, to the probe.
   */
  static final class TimerActor extends AbstractActorWithTimers {
    private final ActorRef probe;

    TimerActor(ActorRef probe) { this.probe = probe; }

    private void answer(String key) {
      getSender().tell(new Active(key, getTimers().isTimerActive(key)), getSelf());
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Single.class, c -> {
            getTimers().startSingleTimer(c.key(), c.msg(), c.delay());
            answer(c.key());
          })
          .match(FixedDelay.class, c -> {
            getTimers().startTimerWithFixedDelay(c.key(), c.msg(), c.delay());
            answer(c.key());
          })
          .match(FixedRate.class, c -> {
            getTimers().startTimerAtFixedRate(c.key(), c.msg(), c.interval());
            answer(c.key());
          })
          .match(Cancel.class, c -> {
            getTimers().cancel(c.key());
            answer(c.key());
          })
          .match(IsActive.class, c -> answer(c.key()))
          .matchEquals("cancelAll", m -> {
            getTimers().cancelAll();
            getSender().tell("cancelled-all", getSelf());
          })
          .match(Replace.class, c -> {
            // the first timer's message is put into the mailbox before the second timer replaces it
            getTimers().startSingleTimer(c.key(), "old", Duration.ZERO);
            awaitMailboxNotEmpty();
            getTimers().startSingleTimer(c.key(), "new", Duration.ofMillis(10));
            answer(c.key());
          })
          .matchEquals("fail", m -> {
            throw new IllegalStateException("expected failure (test)");
          })
          .matchAny(m -> probe.tell(m, getSelf()))
          .build();
    }

    private void awaitMailboxNotEmpty() {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!((ActorCell) getContext()).mailbox().hasMessages()) {
        if (System.nanoTime() - deadline > 0) throw new IllegalStateException("the first timer never fired");
        Thread.onSpinWait();
      }
    }

    @Override
    public void postRestart(Throwable reason) {
      probe.tell("restarted", getSelf());
    }

    @Override
    public void postStop() {
      probe.tell(new Active("in-postStop:tick", getTimers().isTimerActive("tick")), getSelf());
    }
  }

  private static ActorRef timerActor(TestKit probe) {
    return system.actorOf(Props.create(TimerActor.class, probe.getRef()));
  }

  /** Drops forwarded timer messages until {@code expected} arrives. */
  private static Object fishFor(TestKit probe, Object expected) {
    return probe.fishForMessage(Duration.ofSeconds(3), String.valueOf(expected), m -> m.equals(expected));
  }

  @Test
  void shouldDeliverOnceAndDeactivateWhenSingleTimerFires() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new Single("once", "fired", Duration.ofMillis(50)));
    probe.expectMsg(new Active("once", true));
    probe.expectMsg("fired");
    probe.send(a, new IsActive("once"));
    probe.expectMsg(new Active("once", false));
    probe.expectNoMessage();
  }

  @Test
  void shouldDeliverRepeatedlyUntilCancelledWhenTimerHasFixedDelay() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new FixedDelay("tick", "tick", Duration.ofMillis(20)));
    probe.expectMsg(new Active("tick", true));
    assertEquals(List.of("tick", "tick", "tick"), probe.receiveN(3));
    probe.send(a, new Cancel("tick"));
    fishFor(probe, new Active("tick", false));
    // a cancelled timer's messages are dropped even when already queued: nothing may follow the answer
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void shouldDeliverRepeatedlyUntilCancelledWhenTimerHasFixedRate() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new FixedRate("rate", "beat", Duration.ofMillis(20)));
    probe.expectMsg(new Active("rate", true));
    assertEquals(List.of("beat", "beat", "beat"), probe.receiveN(3));
    probe.send(a, new IsActive("rate"));
    fishFor(probe, new Active("rate", true));
    probe.send(a, new Cancel("rate"));
    fishFor(probe, new Active("rate", false));
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void shouldNeverDeliverOldMessageWhenTimerWithSameKeyReplacesIt() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new Replace("same-key"));
    probe.expectMsg(new Active("same-key", true));
    probe.expectMsg("new");
    probe.expectNoMessage();

    // replacing a periodic timer by a single one under the same key
    probe.send(a, new FixedRate("swap", "periodic", Duration.ofMillis(10)));
    probe.expectMsg(new Active("swap", true));
    probe.expectMsg("periodic");
    probe.send(a, new Single("swap", "single", Duration.ofMillis(10)));
    fishFor(probe, new Active("swap", true));
    probe.expectMsg("single");
    probe.expectNoMessage();
  }

  @Test
  void shouldCancelEveryTimerWhenCancelAll() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new FixedRate("r1", "r1", Duration.ofMillis(10)));
    probe.expectMsg(new Active("r1", true));
    probe.send(a, new Single("s1", "s1", Duration.ofMillis(300)));
    fishFor(probe, new Active("s1", true));
    probe.send(a, "cancelAll");
    fishFor(probe, "cancelled-all");
    probe.send(a, new IsActive("r1"));
    probe.expectMsg(new Active("r1", false));
    probe.send(a, new IsActive("s1"));
    probe.expectMsg(new Active("s1", false));
    probe.expectNoMessage(Duration.ofMillis(500));
  }

  @Test
  void shouldCancelTimersWhenActorRestarts() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new FixedRate("tick", "tick", Duration.ofMillis(10)));
    probe.expectMsg(new Active("tick", true));
    probe.send(a, new Single("later", "later", Duration.ofMillis(200)));
    fishFor(probe, new Active("later", true));
    probe.send(a, "fail");
    fishFor(probe, "restarted");
    probe.send(a, new IsActive("tick"));
    probe.expectMsg(new Active("tick", false));
    probe.send(a, new IsActive("later"));
    probe.expectMsg(new Active("later", false));
    probe.expectNoMessage(Duration.ofMillis(400));
  }

  @Test
  void shouldCancelTimersWhenActorStops() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new FixedRate("tick", "tick", Duration.ofMillis(10)));
    probe.expectMsg(new Active("tick", true));
    probe.expectMsg("tick");
    probe.watch(a);
    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    try {
      system.stop(a);
      fishFor(probe, new Active("in-postStop:tick", false));
      probe.fishForMessage(Duration.ofSeconds(3), "Terminated", m -> m instanceof Terminated);
      // at most one timer message can have been under way when the timer was cancelled
      List<Object> late = probe.receiveWhile(Duration.ofMillis(300), m -> m);
      assertTrue(late.size() <= 1, "timer still running after stop: " + late);
    } finally {
      system.eventStream().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldReplaceTimerWhenStartedAgainWithSameKeyFromOutsideMessages() {
    TestKit probe = new TestKit(system);
    ActorRef a = timerActor(probe);
    probe.send(a, new Single("k", "first", Duration.ofMillis(300)));
    probe.expectMsg(new Active("k", true));
    probe.send(a, new Single("k", "second", Duration.ofMillis(20)));
    probe.expectMsg(new Active("k", true));
    probe.expectMsg("second");
    probe.expectNoMessage(Duration.ofMillis(500));
  }

  /** A stashing actor that uses the cell's timers: a stashed timer message must survive unstashing. */
  static final class StashingTimerActor extends AbstractActorWithStash {
    private final ActorRef probe;

    StashingTimerActor(ActorRef probe) { this.probe = probe; }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("start", m -> {
            actorCell().timers().startSingleTimer("t", "timer-msg", Duration.ofMillis(10));
            getSender().tell("started", getSelf());
          })
          .matchEquals("open", m -> {
            unstashAll();
            getContext().become(receiveBuilder().matchAny(x -> probe.tell(x, getSelf())).build());
          })
          .matchAny(m -> {
            stash();
            probe.tell("stashed:" + m, getSelf());
          })
          .build();
    }
  }

  @Test
  void shouldDeliverStashedTimerMessageWhenUnstashed() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(StashingTimerActor.class, probe.getRef()));
    probe.send(a, "start");
    probe.expectMsg("started");
    probe.expectMsg("stashed:timer-msg");
    probe.send(a, "open");
    probe.expectMsg("timer-msg");
    probe.send(a, new Identify(1));
    assertEquals(new ActorIdentity(1, Optional.of(a)), probe.expectMsgClass(ActorIdentity.class));
  }
}

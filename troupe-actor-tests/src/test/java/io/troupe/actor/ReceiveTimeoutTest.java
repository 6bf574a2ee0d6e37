package io.troupe.actor;

import io.troupe.testkit.ManualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receive timeout. One system runs on the real scheduler; the other on a {@link ManualScheduler}, so that "no timeout
 * yet" can be checked without timing: the test moves the clock, then waits until the actor has processed everything
 * sent before (an Identify round trip, which does not influence the timeout) and looks at what arrived.
 */
class ReceiveTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static ActorSystem system;
  private static ActorSystem manualSystem;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("ReceiveTimeoutTest");
    manualSystem = ActorSystem.create("ReceiveTimeoutTest-manual", ConfigFactory.parseString(
        "troupe.scheduler.implementation = " + ManualScheduler.class.getName()).withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
    TestKit.shutdownActorSystem(manualSystem);
  }

  private static ManualScheduler clock() {
    return (ManualScheduler) manualSystem.scheduler();
  }

  /** A message that does not reset the receive timeout. */
  record Quiet(String name) implements NotInfluenceReceiveTimeout {}

  /** Sets the receive timeout from a message that does not influence it. */
  record QuietSet(Duration timeout) implements NotInfluenceReceiveTimeout {}

  /** Reports ReceiveTimeout and every other message to the probe; "set-zero" and "cancel" switch the timeout off. */
  static final class TimeoutActor extends AbstractActor {
    private final ActorRef probe;
    private final Duration initial;

    TimeoutActor(ActorRef probe, Duration initial) {
      this.probe = probe;
      this.initial = initial;
    }

    @Override
    public void preStart() {
      if (!initial.isZero()) getContext().setReceiveTimeout(initial);
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(ReceiveTimeout.class, m -> probe.tell(m, getSelf()))
          .matchEquals("set-zero", m -> {
            getContext().setReceiveTimeout(Duration.ZERO);
            probe.tell("zeroed", getSelf());
          })
          .matchEquals("cancel", m -> {
            getContext().cancelReceiveTimeout();
            probe.tell("cancelled:" + getContext().getReceiveTimeout(), getSelf());
          })
          .matchEquals("get", m -> probe.tell(getContext().getReceiveTimeout(), getSelf()))
          .match(QuietSet.class, m -> {
            getContext().setReceiveTimeout(m.timeout());
            probe.tell(m, getSelf());
          })
          .matchAny(m -> probe.tell(m, getSelf()))
          .build();
    }
  }

  /** Receive timeout plus a fixed-rate timer whose message is {@code tick}. */
  static final class TimerTimeoutActor extends AbstractActorWithTimers {
    private final ActorRef probe;
    private final Object tick;

    TimerTimeoutActor(ActorRef probe, Object tick) {
      this.probe = probe;
      this.tick = tick;
    }

    @Override
    public void preStart() {
      getContext().setReceiveTimeout(TIMEOUT);
      getTimers().startTimerAtFixedRate("tick", tick, Duration.ofMillis(300));
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> probe.tell(m, getSelf())).build();
    }
  }

  private static ActorRef timeoutActor(ActorSystem sys, TestKit probe, Duration initial) {
    ActorRef a = sys.actorOf(Props.create(TimeoutActor.class, probe.getRef(), initial));
    settle(probe, a);
    return a;
  }

  /** Returns once {@code a} has processed everything sent before; fails when anything else arrived first. */
  private static void settle(TestKit probe, ActorRef a) {
    probe.send(a, new Identify("settle"));
    assertEquals(new ActorIdentity("settle", Optional.of(a)), probe.expectMsgClass(ActorIdentity.class),
        "nothing (no ReceiveTimeout) may arrive before the barrier");
  }

  private static void advance(Duration d) {
    clock().advance(d);
  }

  @Test
  void shouldSendReceiveTimeoutRepeatedlyWhenIdle() {
    TestKit probe = new TestKit(system);
    timeoutActor(system, probe, Duration.ofMillis(100));
    probe.expectMsg(ReceiveTimeout.getInstance());
    probe.expectMsg(ReceiveTimeout.getInstance());
  }

  @Test
  void shouldReportConfiguredTimeoutWhenAsked() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, TIMEOUT);
    probe.send(a, "get");
    probe.expectMsg(TIMEOUT);
    probe.send(a, "cancel");
    probe.expectMsg("cancelled:" + Duration.ZERO);
  }

  @Test
  void shouldSendReceiveTimeoutOnlyAfterFullIdlePeriod() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, TIMEOUT);
    advance(TIMEOUT.minusMillis(1));
    settle(probe, a);
    advance(Duration.ofMillis(1));
    probe.expectMsg(ReceiveTimeout.getInstance());
  }

  @Test
  void shouldRestartIdlePeriodWhenOrdinaryMessageArrives() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, TIMEOUT);
    advance(Duration.ofMillis(900));
    probe.send(a, "ping");
    probe.expectMsg("ping");
    settle(probe, a);
    advance(Duration.ofMillis(900)); // 1800 ms since start, 900 since ping
    settle(probe, a);
    advance(Duration.ofMillis(100));
    probe.expectMsg(ReceiveTimeout.getInstance());
  }

  @Test
  void shouldNotRestartIdlePeriodWhenNotInfluenceMessageArrives() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, TIMEOUT);
    advance(Duration.ofMillis(900));
    probe.send(a, new Quiet("q"));
    probe.expectMsg(new Quiet("q"));
    settle(probe, a);
    advance(Duration.ofMillis(100));
    probe.expectMsg(ReceiveTimeout.getInstance());
  }

  @Test
  void shouldStopWhenSetToZero() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, TIMEOUT);
    probe.send(a, "set-zero");
    probe.expectMsg("zeroed");
    settle(probe, a);
    advance(TIMEOUT.multipliedBy(5));
    settle(probe, a);
  }

  @Test
  void shouldStopWhenCancelled() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, TIMEOUT);
    advance(Duration.ofMillis(500));
    probe.send(a, "cancel");
    probe.expectMsg("cancelled:" + Duration.ZERO);
    settle(probe, a);
    advance(TIMEOUT.multipliedBy(5));
    settle(probe, a);
  }

  @Test
  void shouldStopAfterFirstTimeoutWhenHandlerSetsZero() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(StopAfterFirst.class, probe.getRef()));
    probe.expectMsg(ReceiveTimeout.getInstance());
    probe.expectNoMessage(Duration.ofMillis(400));
    settle(probe, a);
  }

  /** Stops its receive timeout when the first one arrives (real clock). */
  static final class StopAfterFirst extends AbstractActor {
    private final ActorRef probe;

    StopAfterFirst(ActorRef probe) { this.probe = probe; }

    @Override public void preStart() { getContext().setReceiveTimeout(Duration.ofMillis(50)); }

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(ReceiveTimeout.class, m -> {
        getContext().setReceiveTimeout(Duration.ZERO);
        probe.tell(m, getSelf());
      }).build();
    }
  }

  @Test
  void shouldStartTimeoutWhenSetFromNotInfluenceMessage() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, Duration.ZERO);
    probe.send(a, new QuietSet(TIMEOUT));
    probe.expectMsg(new QuietSet(TIMEOUT));
    settle(probe, a);
    advance(TIMEOUT);
    probe.expectMsg(ReceiveTimeout.getInstance());
  }

  @Test
  void shouldStopTimeoutWhenSetToZeroFromNotInfluenceMessage() {
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = timeoutActor(manualSystem, probe, TIMEOUT);
    probe.send(a, new QuietSet(Duration.ZERO));
    probe.expectMsg(new QuietSet(Duration.ZERO));
    settle(probe, a);
    advance(TIMEOUT.multipliedBy(5));
    settle(probe, a);
  }

  @Test
  void shouldRestartIdlePeriodWhenTimerMessageArrives() {
    // as in Pekko, a timer's message influences the receive timeout unless it is NotInfluenceReceiveTimeout itself
    TestKit probe = new TestKit(manualSystem);
    ActorRef a = manualSystem.actorOf(Props.create(TimerTimeoutActor.class, probe.getRef(), "tick"));
    settle(probe, a);
    for (int i = 0; i < 5; i++) {
      advance(Duration.ofMillis(300));
      probe.expectMsg("tick");
      settle(probe, a);
    }
    manualSystem.stop(a);
  }

  @Test
  void shouldNotRestartIdlePeriodWhenTimerMessageIsNotInfluence() {
    TestKit probe = new TestKit(manualSystem);
    Quiet tick = new Quiet("tick");
    ActorRef a = manualSystem.actorOf(Props.create(TimerTimeoutActor.class, probe.getRef(), tick));
    settle(probe, a);
    for (int i = 0; i < 3; i++) {
      advance(Duration.ofMillis(300));
      probe.expectMsg(tick);
      settle(probe, a);
    }
    advance(Duration.ofMillis(300)); // 1000 ms: the timeout falls due before the 4th tick at 1200 ms
    probe.expectMsg(ReceiveTimeout.getInstance());
    probe.expectMsg(tick);
    manualSystem.stop(a);
  }
}

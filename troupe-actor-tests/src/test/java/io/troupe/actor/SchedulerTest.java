package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The system scheduler: once, fixed rate, fixed delay, cancellation, executors. */
class SchedulerTest {
  private static final String EXECUTOR_THREAD = "scheduler-test-executor";
  private static ActorSystem system;
  private static ExecutorService executor;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("SchedulerTest");
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, EXECUTOR_THREAD));
  }

  @AfterAll
  static void tearDown() {
    executor.shutdownNow();
    TestKit.shutdownActorSystem(system);
  }

  private static Scheduler scheduler() {
    return system.scheduler();
  }

  /** Tells the probe the name of the thread it runs on. */
  private static Runnable reportThread(TestKit probe) {
    return () -> probe.getRef().tell(Thread.currentThread().getName(), ActorRef.noSender());
  }

  @Test
  void shouldDeliverOnceWithSenderWhenScheduledOnce() {
    TestKit probe = new TestKit(system);
    TestKit sender = new TestKit(system);
    Cancellable c = scheduler().scheduleOnce(Duration.ofMillis(50), probe.getRef(), "once", system.dispatcher(), sender.getRef());
    probe.expectMsg("once");
    assertEquals(sender.getRef(), probe.getLastSender());
    probe.expectNoMessage();
    assertFalse(c.isCancelled());
    assertFalse(c.cancel(), "a task that ran cannot be cancelled");
  }

  @Test
  void shouldNotDeliverWhenCancelledBeforeItFires() {
    TestKit probe = new TestKit(system);
    Cancellable c = scheduler().scheduleOnce(Duration.ofMillis(300), probe.getRef(), "never", system.dispatcher(), ActorRef.noSender());
    assertFalse(c.isCancelled());
    assertTrue(c.cancel());
    assertTrue(c.isCancelled());
    assertFalse(c.cancel(), "the second cancel reports that the task was cancelled already");
    probe.expectNoMessage(Duration.ofMillis(600));
  }

  @Test
  void shouldRunRunnableOnGivenExecutorWhenScheduledOnce() {
    TestKit probe = new TestKit(system);
    scheduler().scheduleOnce(Duration.ofMillis(10), reportThread(probe), executor);
    probe.expectMsg(EXECUTOR_THREAD);
  }

  @Test
  void shouldDeliverRepeatedlyUntilCancelledWhenScheduledAtFixedRate() {
    TestKit probe = new TestKit(system);
    Cancellable c = scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(20), probe.getRef(), "tick",
        system.dispatcher(), ActorRef.noSender());
    assertEquals(List.of("tick", "tick", "tick", "tick"), probe.receiveN(4));
    assertFalse(c.isCancelled(), "still running");
    assertTrue(c.cancel());
    assertTrue(c.isCancelled());
    assertAtMostOneMore(probe);
  }

  @Test
  void shouldDeliverRepeatedlyUntilCancelledWhenScheduledWithFixedDelay() {
    TestKit probe = new TestKit(system);
    Cancellable c = scheduler().scheduleWithFixedDelay(Duration.ofMillis(10), Duration.ofMillis(20), probe.getRef(), "tock",
        system.dispatcher(), ActorRef.noSender());
    assertEquals(List.of("tock", "tock", "tock", "tock"), probe.receiveN(4));
    assertTrue(c.cancel());
    assertTrue(c.isCancelled());
    assertAtMostOneMore(probe);
  }

  /** A run may have been under way while cancel was called; after that nothing more may arrive. */
  private static void assertAtMostOneMore(TestKit probe) {
    List<Object> late = probe.receiveWhile(Duration.ofMillis(300), m -> m);
    assertTrue(late.size() <= 1, "delivered after cancel: " + late);
  }

  @Test
  void shouldRunRepeatedlyOnGivenExecutorWhenRunnableScheduledAtFixedRateOrWithFixedDelay() {
    TestKit probe = new TestKit(system);
    Cancellable rate = scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(20), reportThread(probe), executor);
    assertEquals(List.of(EXECUTOR_THREAD, EXECUTOR_THREAD, EXECUTOR_THREAD), probe.receiveN(3));
    rate.cancel();
    assertAtMostOneMore(probe);

    Cancellable delay = scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofMillis(20), reportThread(probe), executor);
    assertEquals(List.of(EXECUTOR_THREAD, EXECUTOR_THREAD, EXECUTOR_THREAD), probe.receiveN(3));
    delay.cancel();
    assertAtMostOneMore(probe);
  }

  @Test
  void shouldStopRepeatingWhenRunnableThrows() {
    // as in Pekko: if the Runnable throws, the repeated scheduling is aborted
    TestKit probe = new TestKit(system);
    for (boolean onExecutor : new boolean[] {false, true}) {
      AtomicInteger runs = new AtomicInteger();
      Runnable failing = () -> {
        int n = runs.incrementAndGet();
        probe.getRef().tell("run-" + n, ActorRef.noSender());
        if (n == 2) throw new IllegalStateException("expected failure of run 2 (test)");
      };
      Cancellable c = onExecutor
          ? scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofMillis(10), failing, executor)
          : scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(10), failing, Runnable::run);
      probe.expectMsg("run-1");
      probe.expectMsg("run-2");
      probe.expectNoMessage(Duration.ofMillis(300));
      c.cancel();
    }
  }

  @Test
  void shouldStopSendingWhenPeriodicReceiverHasTerminated() {
    TestKit probe = new TestKit(system);
    ActorRef target = system.actorOf(Props.create(Forwarder.class, probe.getRef()));
    Cancellable c = scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(10), target, "periodic",
        system.dispatcher(), ActorRef.noSender());
    probe.expectMsg("periodic");
    probe.watch(target);
    system.stop(target);
    probe.fishForMessage(Duration.ofSeconds(3), "Terminated", m -> m instanceof Terminated);
    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    try {
      // at most the send that noticed the dead receiver becomes a dead letter; then the task stops
      List<Object> dead = probe.receiveWhile(Duration.ofMillis(300), m -> m);
      assertTrue(dead.size() <= 1, "periodic sends to a stopped actor go on: " + dead.size() + " dead letters");
    } finally {
      system.eventStream().unsubscribe(probe.getRef());
      c.cancel();
    }
  }

  static final class Forwarder extends AbstractActor {
    private final ActorRef probe;

    Forwarder(ActorRef probe) { this.probe = probe; }

    @Override public Receive createReceive() { return receiveBuilder().matchAny(m -> probe.tell(m, getSender())).build(); }
  }

  @Test
  void shouldRejectNonPositiveIntervalWhenSchedulingRepeatedly() {
    TestKit probe = new TestKit(system);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, reportThread(probe), executor));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofMillis(-1), reportThread(probe), executor));
  }
}

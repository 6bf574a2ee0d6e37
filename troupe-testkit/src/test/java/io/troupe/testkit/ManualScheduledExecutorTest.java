package io.troupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualScheduledExecutorTest {
  private final ManualScheduledExecutor ex = new ManualScheduledExecutor();
  private final List<String> log = new ArrayList<>();

  private Runnable note(String s) {
    return () -> log.add(s + "@" + ex.elapsed().toMillis());
  }

  @Test
  void shouldRunExecutedTasksOnlyWhenDrivenInSubmissionOrder() {
    ex.execute(note("a"));
    ex.execute(() -> {
      log.add("b@" + ex.elapsed().toMillis());
      ex.execute(note("d")); // submitted while running: runs in the same call, after what was queued before it
    });
    ex.execute(note("c"));
    assertEquals(List.of(), log);
    assertEquals(4, ex.runPending());
    assertEquals(List.of("a@0", "b@0", "c@0", "d@0"), log);
    assertEquals(0, ex.runPending());
  }

  @Test
  void shouldFireTimersInDeadlineOrderAtTheirDeadlineAndNotBefore() {
    ex.schedule(note("late"), 300, TimeUnit.MILLISECONDS);
    ex.schedule(note("early"), 100, TimeUnit.MILLISECONDS);
    ex.schedule(note("same-deadline-second"), 300, TimeUnit.MILLISECONDS);
    ex.advance(Duration.ofMillis(100).minusNanos(1));
    assertEquals(List.of(), log);
    ex.advance(Duration.ofNanos(1));
    assertEquals(List.of("early@100"), log);
    ex.advance(Duration.ofSeconds(5));
    assertEquals(List.of("early@100", "late@300", "same-deadline-second@300"), log);
    assertEquals(Duration.ofMillis(5100), ex.elapsed());
  }

  @Test
  void shouldNotMoveTimeWithoutAdvance() {
    long t0 = ex.nanoTime();
    ex.schedule(note("x"), 1, TimeUnit.NANOSECONDS);
    ex.runPending();
    assertEquals(t0, ex.nanoTime());
    assertEquals(List.of(), log);
    assertEquals(Duration.ofNanos(1), ex.nextDeadline());
  }

  @Test
  void shouldRepeatFixedRateAndFixedDelayTasks() {
    ScheduledFuture<?> rate = ex.scheduleAtFixedRate(note("rate"), 50, 100, TimeUnit.MILLISECONDS);
    ex.scheduleWithFixedDelay(note("delay"), 0, 120, TimeUnit.MILLISECONDS);
    ex.advance(Duration.ofMillis(260));
    assertEquals(List.of("delay@0", "rate@50", "delay@120", "rate@150", "delay@240", "rate@250"), log);
    assertTrue(rate.cancel(false));
    log.clear();
    ex.advance(Duration.ofMillis(240));
    assertEquals(List.of("delay@360", "delay@480"), log);
  }

  @Test
  void shouldNotRunCancelledTasks() {
    ScheduledFuture<?> f = ex.schedule(note("cancelled"), 1, TimeUnit.SECONDS);
    assertEquals(1, ex.queuedTasks());
    f.cancel(false);
    assertEquals(0, ex.queuedTasks());
    ex.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), log);
    assertNull(ex.nextDeadline());
  }

  @Test
  void shouldCancelAPeriodicTaskFromInsideItself() {
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    self[0] = ex.scheduleWithFixedDelay(() -> {
      if (runs.incrementAndGet() == 3) self[0].cancel(false);
    }, 10, 10, TimeUnit.MILLISECONDS);
    ex.advance(Duration.ofSeconds(1));
    assertEquals(3, runs.get());
    assertEquals(0, ex.queuedTasks());
  }

  @Test
  void shouldSurfaceAnExecutedTaskFailureAndKeepTheRestQueued() {
    ex.execute(() -> {
      throw new IllegalStateException("boom");
    });
    ex.execute(note("after"));
    ManualScheduledExecutor.TaskFailedException e = assertThrows(ManualScheduledExecutor.TaskFailedException.class, ex::runPending);
    assertEquals("boom", e.getCause().getMessage());
    assertEquals(List.of(), log);
    ex.runPending();
    assertEquals(List.of("after@0"), log);
  }

  @Test
  void shouldKeepAScheduledFailureInItsFutureAndStopRepeating() throws Exception {
    ScheduledFuture<?> once = ex.schedule(() -> {
      throw new IllegalArgumentException("once");
    }, 1, TimeUnit.SECONDS);
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?> periodic = ex.scheduleAtFixedRate(() -> {
      runs.incrementAndGet();
      throw new IllegalArgumentException("periodic");
    }, 1, 1, TimeUnit.SECONDS);
    ex.advance(Duration.ofSeconds(5));
    assertEquals("once", assertThrows(ExecutionException.class, once::get).getCause().getMessage());
    assertEquals("periodic", assertThrows(ExecutionException.class, periodic::get).getCause().getMessage());
    assertEquals(1, runs.get());
  }

  @Test
  void shouldRefuseToBeDrivenFromItsOwnTask() {
    ex.execute(ex::runPending);
    ManualScheduledExecutor.TaskFailedException e = assertThrows(ManualScheduledExecutor.TaskFailedException.class, ex::runPending);
    assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
  }

  @Test
  void shouldRunTasksSubmittedFromOtherThreadsOnTheDrivingThread() throws Exception {
    Thread me = Thread.currentThread();
    List<Thread> ranOn = new ArrayList<>();
    Thread other = new Thread(() -> ex.schedule(() -> ranOn.add(Thread.currentThread()), 1, TimeUnit.SECONDS));
    other.start();
    other.join(10_000);
    assertFalse(other.isAlive());
    ex.advance(Duration.ofSeconds(1));
    assertEquals(List.of(me), ranOn);
  }

  @Test
  void shouldAdvanceUntilAConditionHoldsAndStopThere() {
    AtomicInteger ticks = new AtomicInteger();
    ex.scheduleAtFixedRate(ticks::incrementAndGet, 250, 250, TimeUnit.MILLISECONDS);
    ex.advanceUntil("three ticks", Duration.ofSeconds(1), () -> ticks.get() == 3);
    assertEquals(Duration.ofMillis(750), ex.elapsed());
    AssertionError e = assertThrows(AssertionError.class, () -> ex.advanceUntil("ten ticks", Duration.ofSeconds(1), () -> ticks.get() == 10));
    assertTrue(e.getMessage().contains("ten ticks"), e.getMessage());
    assertEquals(Duration.ofMillis(1750), ex.elapsed());
  }

  @Test
  void shouldReportALivelock() {
    Runnable[] again = new Runnable[1];
    again[0] = () -> ex.execute(again[0]);
    ex.execute(again[0]);
    assertThrows(IllegalStateException.class, ex::runPending);
  }

  @Test
  void shouldCompareDeadlinesAcrossTheOverflowOfANegativeOrHugeOrigin() {
    ManualScheduledExecutor wrap = new ManualScheduledExecutor(Long.MAX_VALUE - 500);
    List<String> seen = new ArrayList<>();
    wrap.schedule(() -> seen.add("second"), 2, TimeUnit.MICROSECONDS);
    wrap.schedule(() -> seen.add("first"), 100, TimeUnit.NANOSECONDS);
    wrap.advance(Duration.ofNanos(700));
    assertEquals(List.of("first"), seen);
    wrap.advance(Duration.ofSeconds(1));
    assertEquals(List.of("first", "second"), seen);
    assertTrue(wrap.nanoTime() < 0, "the clock wrapped around");
  }

  @Test
  void shouldRejectAfterShutdownAndHandBackQueuedTasksOnShutdownNow() throws Exception {
    ex.schedule(note("pending"), 1, TimeUnit.SECONDS);
    ex.shutdown();
    assertThrows(RejectedExecutionException.class, () -> ex.execute(note("late")));
    assertFalse(ex.isTerminated());
    assertEquals(1, ex.shutdownNow().size());
    assertTrue(ex.isTerminated());
    assertTrue(ex.awaitTermination(0, TimeUnit.SECONDS));
  }
}

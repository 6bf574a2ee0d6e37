package io.troupe.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link ScheduledExecutorService} that runs nothing by itself: tasks run on the test's thread when it calls
 * {@link #runPending()} or {@link #advance(Duration)}, and its clock ({@link #nanoTime()}) moves only in
 * {@link #advance}. Timers, handshakes and failure detectors built on it become deterministic: a test moves time to
 * just before a deadline, checks that nothing happened, moves past it and checks that it did.
 *
 * <p>Order: every task has a deadline ({@link #execute} and {@link #submit} use "now") and runs in (deadline,
 * submission) order, so executed tasks run first-in first-out and timers fire in deadline order; while time advances it
 * stops at each deadline on the way, so a task sees {@link #nanoTime()} equal to its deadline. Periodic tasks are
 * rescheduled after they run: fixed rate from their previous deadline, fixed delay from the time they ran.
 *
 * <p>Threads: any thread may submit, schedule, cancel and read the clock (tasks from other threads wait for the next
 * {@link #runPending()}). One thread at a time drives it; a task that calls {@link #runPending()} or
 * {@link #advance} gets an {@link IllegalStateException}, and so does a second thread driving concurrently.
 *
 * <p>Failures: a task given to {@link #execute} that throws makes the {@link #runPending()} or {@link #advance} that
 * ran it throw {@link TaskFailedException} (the tasks behind it stay queued), so a test cannot miss it. Tasks with a
 * future ({@code submit}, {@code schedule...}) keep their exception in the future, as with the JDK's executors; a
 * periodic task that throws stops repeating.
 *
 * <p>Blocking: never call {@code get()} on a future of this executor from the thread that drives it, and
 * {@code invokeAll}/{@code invokeAny} only from other threads: nothing would run the tasks.
 */
public final class ManualScheduledExecutor extends AbstractExecutorService implements ScheduledExecutorService {
  /** More task runs than this in one call is taken for a livelock (a task that keeps re-submitting itself). */
  private static final int MAX_RUNS_PER_CALL = 1_000_000;

  private final Object lock = new Object();
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private final long originNanos;
  private volatile long nowNanos;
  private long sequence;
  private boolean shutdown;
  private Thread driver;

  /** A clock starting at 0. */
  public ManualScheduledExecutor() {
    this(0L);
  }

  /** A clock starting at {@code originNanos}; a negative or huge origin checks that callers compare by subtraction. */
  public ManualScheduledExecutor(long originNanos) {
    this.originNanos = originNanos;
    this.nowNanos = originNanos;
  }

  // ------------------------------------------------------------------ the clock

  /** The current time in nanoseconds, as {@link System#nanoTime()} would give it. Any thread. */
  public long nanoTime() {
    return nowNanos;
  }

  /** How far the clock has been moved since this executor was made. */
  public Duration elapsed() {
    return Duration.ofNanos(nowNanos - originNanos);
  }

  // ------------------------------------------------------------------ driving (test thread)

  /**
   * Runs every task that is due now, including those that tasks submit while running, without moving the clock.
   *
   * @return how many tasks ran
   * @throws TaskFailedException when a task given to {@link #execute} threw
   */
  public int runPending() {
    enter();
    try {
      return runDue(nowNanos);
    } finally {
      exit();
    }
  }

  /**
   * Moves the clock forward by {@code duration}, running on the way, in order, each task whose deadline is reached
   * (the clock reads that deadline while it runs), then everything due at the end.
   *
   * @return how many tasks ran
   * @throws TaskFailedException when a task given to {@link #execute} threw; the clock then stays at its deadline
   */
  public int advance(Duration duration) {
    if (duration.isNegative()) throw new IllegalArgumentException("cannot move the clock backwards: " + duration);
    enter();
    try {
      long target = nowNanos + duration.toNanos();
      int n = runDue(target);
      nowNanos = target;
      return n;
    } finally {
      exit();
    }
  }

  /**
   * Runs due tasks and then moves the clock from deadline to deadline until {@code condition} holds, checking it after
   * every task; fails when it does not hold within {@code max} of this clock's time. For conditions only these tasks
   * can make true; for effects on other threads wait with a real deadline ({@link Await}).
   *
   * @throws AssertionError naming {@code what} when {@code max} passes first
   */
  public void advanceUntil(String what, Duration max, BooleanSupplier condition) {
    enter();
    try {
      long limit = nowNanos + max.toNanos();
      int runs = 0;
      while (!condition.getAsBoolean()) {
        Task<?> next;
        synchronized (lock) {
          next = queue.peek();
          if (next != null && next.deadline - limit > 0) next = null;
          if (next != null) queue.poll();
        }
        if (next == null) {
          nowNanos = limit;
          if (condition.getAsBoolean()) return;
          throw new AssertionError("not true after " + max + " of manual time (now " + elapsed() + "): " + what);
        }
        if (next.deadline - nowNanos > 0) nowNanos = next.deadline;
        if (++runs > MAX_RUNS_PER_CALL) throw livelock();
        runOne(next);
      }
    } finally {
      exit();
    }
  }

  /** Tasks waiting, due or not (cancelled ones are removed at once). Any thread. */
  public int queuedTasks() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /** Time from now to the earliest deadline, or null when nothing is queued. Any thread. */
  public Duration nextDeadline() {
    synchronized (lock) {
      Task<?> t = queue.peek();
      return t == null ? null : Duration.ofNanos(Math.max(0, t.deadline - nowNanos));
    }
  }

  private int runDue(long until) {
    int runs = 0;
    while (true) {
      Task<?> next;
      synchronized (lock) {
        next = queue.peek();
        if (next == null || next.deadline - until > 0) return runs;
        queue.poll();
      }
      if (next.deadline - nowNanos > 0) nowNanos = next.deadline;
      if (++runs > MAX_RUNS_PER_CALL) throw livelock();
      runOne(next);
    }
  }

  private void runOne(Task<?> t) {
    t.run();
    if (t.surfaceFailure && t.isDone() && !t.isCancelled()) {
      try {
        t.get();
      } catch (ExecutionException e) {
        throw new TaskFailedException("a task failed at " + elapsed() + " of manual time: " + t.callable, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (lock) {
      if (shutdown && queue.isEmpty()) lock.notifyAll();
    }
  }

  private IllegalStateException livelock() {
    return new IllegalStateException("more than " + MAX_RUNS_PER_CALL + " task runs without returning at " + elapsed()
        + " of manual time: a task keeps re-submitting itself");
  }

  private void enter() {
    synchronized (lock) {
      Thread me = Thread.currentThread();
      if (driver == me) throw new IllegalStateException("a task of this executor tried to drive it (runPending/advance)");
      if (driver != null) throw new IllegalStateException("already driven by thread [" + driver.getName() + "]");
      driver = me;
    }
  }

  private void exit() {
    synchronized (lock) {
      driver = null;
    }
  }

  // ------------------------------------------------------------------ ExecutorService

  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    enqueue(new Task<>(Executors.callable(command, null), command, nowNanos, 0, true));
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    return enqueue(new Task<>(Executors.callable(command, null), command, deadline(delay, unit), 0, false));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Objects.requireNonNull(callable, "callable");
    return enqueue(new Task<>(callable, callable, deadline(delay, unit), 0, false));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (period <= 0) throw new IllegalArgumentException("period must be positive: " + period + " " + unit);
    return enqueue(new Task<>(Executors.callable(command, null), command, deadline(initialDelay, unit), unit.toNanos(period), false));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (delay <= 0) throw new IllegalArgumentException("delay must be positive: " + delay + " " + unit);
    return enqueue(new Task<>(Executors.callable(command, null), command, deadline(initialDelay, unit), -unit.toNanos(delay), false));
  }

  private long deadline(long delay, TimeUnit unit) {
    return nowNanos + Math.max(0, unit.toNanos(delay));
  }

  private <V> Task<V> enqueue(Task<V> t) {
    synchronized (lock) {
      if (shutdown) throw new RejectedExecutionException("ManualScheduledExecutor is shut down; rejected " + t.callable);
      t.seq = sequence++;
      queue.add(t);
    }
    return t;
  }

  /** Rejects new tasks; queued ones still run when the test drives the executor, periodic ones no longer repeat. */
  @Override
  public void shutdown() {
    synchronized (lock) {
      shutdown = true;
      if (queue.isEmpty()) lock.notifyAll();
    }
  }

  /** Rejects new tasks and removes the queued ones, returning them. */
  @Override
  public List<Runnable> shutdownNow() {
    synchronized (lock) {
      shutdown = true;
      List<Runnable> out = new ArrayList<>(queue);
      queue.clear();
      lock.notifyAll();
      return out;
    }
  }

  @Override
  public boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  @Override
  public boolean isTerminated() {
    synchronized (lock) {
      return shutdown && queue.isEmpty();
    }
  }

  /** Waits (real time) until shut down with nothing queued; only another thread driving it can make that happen. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (!(shutdown && queue.isEmpty())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "ManualScheduledExecutor(at " + elapsed() + ", " + queue.size() + " queued" + (shutdown ? ", shut down" : "") + ")";
    }
  }

  // ------------------------------------------------------------------ tasks

  /** A task with its deadline; {@code periodNanos} is 0 for one-shot, positive for fixed rate, negative for fixed delay. */
  private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
    final Object callable;
    final long periodNanos;
    final boolean surfaceFailure;
    long deadline;
    long seq;

    Task(Callable<V> c, Object what, long deadline, long periodNanos, boolean surfaceFailure) {
      super(c);
      this.callable = what;
      this.deadline = deadline;
      this.periodNanos = periodNanos;
      this.surfaceFailure = surfaceFailure;
    }

    @Override
    public boolean isPeriodic() {
      return periodNanos != 0;
    }

    @Override
    public void run() {
      if (periodNanos == 0) {
        super.run();
      } else if (super.runAndReset()) {
        deadline = periodNanos > 0 ? deadline + periodNanos : nowNanos - periodNanos;
        synchronized (lock) {
          if (!shutdown && !isCancelled()) {
            seq = sequence++;
            queue.add(this);
          }
        }
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(false);
      if (cancelled) {
        synchronized (lock) {
          queue.remove(this);
          if (shutdown && queue.isEmpty()) lock.notifyAll();
        }
      }
      return cancelled;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(deadline - nowNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      if (o == this) return 0;
      if (o instanceof ManualScheduledExecutor.Task) {
        Task<?> t = (Task<?>) o;
        int c = Long.compare(deadline - t.deadline, 0);
        return c != 0 ? c : Long.compare(seq, t.seq);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public String toString() {
      return "Task(" + callable + " at " + Duration.ofNanos(deadline - originNanos) + ")";
    }
  }

  /** A task given to {@link #execute} threw; its exception is the cause. */
  public static final class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TaskFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

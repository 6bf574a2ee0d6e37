package io.troupe.actor.internal;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.actor.Cancellable;
import io.troupe.actor.Scheduler;
import io.troupe.actor.SchedulerException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default scheduler: a hashed timing wheel driven by one thread.
 *
 * <p>Design note. Scheduling appends the task to a lock-free queue and never wakes the timer thread, which makes
 * scheduling cheap on hot paths (every ask schedules its timeout, every receive timeout is rescheduled per message).
 * The timer thread ticks every {@code troupe.scheduler.tick-duration}, moves new tasks into the wheel's buckets
 * ({@code ticks-per-wheel} of them) and runs the tasks of the current bucket whose rounds are used up. Tasks therefore
 * run up to one tick late, never early. Cancelling flips the task's state; the wheel drops it when it next visits its
 * bucket. Tasks run on the executor they name (inline on the timer thread when it is null or runs inline), so a slow
 * task must not be given an inline executor.
 */
public final class DefaultScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultScheduler.class);

  private final long tickNanos;
  private final int mask;
  private final Task[] wheel;
  private final MpscUnboundedArrayQueue<Task> incoming = new MpscUnboundedArrayQueue<>(256);
  private final Thread thread;
  private final long startNanos;
  private volatile boolean closed;
  private long tick; // timer thread only

  public DefaultScheduler(Config config, String systemName, boolean daemonic) {
    Duration td = config.getDuration("troupe.scheduler.tick-duration");
    if (td.toNanos() < 1_000_000L) {
      throw new ConfigurationException("troupe.scheduler.tick-duration = " + td + " is below the minimum of 1ms");
    }
    int ticks = config.getInt("troupe.scheduler.ticks-per-wheel");
    if (ticks < 1 || ticks > (1 << 20) || Integer.bitCount(ticks) != 1) {
      throw new ConfigurationException("troupe.scheduler.ticks-per-wheel = " + ticks + " must be a power of two (1 .. 2^20)");
    }
    this.tickNanos = td.toNanos();
    this.mask = ticks - 1;
    this.wheel = new Task[ticks];
    this.startNanos = System.nanoTime();
    this.thread = new Thread(this::run, systemName + "-scheduler-1");
    thread.setDaemon(daemonic);
    thread.start();
  }

  @Override
  public double maxFrequency() {
    return 1_000_000_000.0 / tickNanos;
  }

  private static long nanos(Duration d, String what) {
    if (d == null) throw new IllegalArgumentException(what + " must not be null");
    if (d.isNegative()) return 0L;
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  private Cancellable add(Runnable r, Executor ex, long delayNanos, long periodNanos) {
    if (closed) throw new IllegalStateException("cannot schedule: the scheduler is shut down (system terminated)");
    long now = System.nanoTime();
    Task t = new Task(r, ex, saturatedAdd(now - startNanos, delayNanos), periodNanos);
    incoming.offer(t);
    return t;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE / 2 : Math.min(r, Long.MAX_VALUE / 2);
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable runnable, Executor executor) {
    return add(runnable, executor, nanos(delay, "delay"), 0L);
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable runnable, Executor executor) {
    long d = nanos(delay, "delay");
    if (d <= 0) throw new IllegalArgumentException("delay must be positive, was " + delay);
    return add(runnable, executor, nanos(initialDelay, "initialDelay"), -d);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable runnable, Executor executor) {
    long d = nanos(interval, "interval");
    if (d <= 0) throw new IllegalArgumentException("interval must be positive, was " + interval);
    return add(runnable, executor, nanos(initialDelay, "initialDelay"), d);
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }

  // ------------------------------------------------------------------ timer thread

  private void run() {
    while (!closed) {
      long deadline = startNanos + (tick + 1) * tickNanos;
      long wait;
      while (!closed && (wait = deadline - System.nanoTime()) > 0) LockSupport.parkNanos(this, wait);
      if (closed) break;
      long elapsed = System.nanoTime() - startNanos;
      transferIncoming();
      // catch up on every tick that passed (after a GC pause, say)
      long currentTick = elapsed / tickNanos;
      while (tick < currentTick && !closed) {
        tick++;
        expire(tick, elapsed);
      }
    }
    incoming.clear();
    for (int i = 0; i < wheel.length; i++) wheel[i] = null;
  }

  private void transferIncoming() {
    Task t;
    int n = 0;
    while (n++ < 100_000 && (t = incoming.poll()) != null) {
      if (t.state == Task.PENDING) place(t);
    }
  }

  private void place(Task t) {
    long dueTick = Math.max(t.deadlineNanos / tickNanos + (t.deadlineNanos % tickNanos == 0 ? 0 : 1), tick + 1);
    t.remainingRounds = (dueTick - tick - 1) / wheel.length;
    int idx = (int) (dueTick & mask);
    t.next = wheel[idx];
    wheel[idx] = t;
  }

  private void expire(long tickNo, long elapsed) {
    int idx = (int) (tickNo & mask);
    Task t = wheel[idx];
    wheel[idx] = null; // detached: periodic tasks fired below may be placed into this bucket again
    while (t != null) {
      Task next = t.next;
      t.next = null;
      if (t.state != Task.PENDING) {
        // cancelled: drop
      } else if (t.remainingRounds > 0) {
        t.remainingRounds--;
        t.next = wheel[idx];
        wheel[idx] = t;
      } else {
        fire(t, elapsed);
      }
      t = next;
    }
  }

  private void fire(Task t, long elapsed) {
    if (t.period == 0) {
      if (!Task.STATE.compareAndSet(t, Task.PENDING, Task.DONE)) return;
      dispatch(t);
    } else {
      dispatch(t);
      if (t.state != Task.PENDING) return;
      t.deadlineNanos = t.period > 0 ? t.deadlineNanos + t.period : elapsed + (-t.period);
      place(t);
    }
  }

  private void dispatch(Task t) {
    Executor ex = t.executor;
    if (ex == null) {
      t.runSafely();
      return;
    }
    try {
      ex.execute(t::runSafely);
    } catch (RejectedExecutionException e) {
      LOG.debug("scheduled task dropped: its executor is shut down");
      if (t.period != 0) t.cancel(); // a periodic task would be rejected again every period
    }
  }

  private static final class Task implements Cancellable {
    static final int PENDING = 0;
    static final int CANCELLED = 1;
    static final int DONE = 2;
    static final AtomicIntegerFieldUpdater<Task> STATE = AtomicIntegerFieldUpdater.newUpdater(Task.class, "state");

    final Runnable runnable;
    final Executor executor;
    final long period; // 0 once, > 0 fixed rate, < 0 fixed delay
    long deadlineNanos; // relative to startNanos
    long remainingRounds;
    Task next;
    volatile int state;

    Task(Runnable runnable, Executor executor, long deadlineNanos, long period) {
      this.runnable = runnable;
      this.executor = executor;
      this.deadlineNanos = deadlineNanos;
      this.period = period;
    }

    /**
     * Runs the task. As in Pekko, a periodic task whose run throws is not run again: a {@link SchedulerException} ends
     * it quietly (the periodic sends to a terminated actor do that), anything else is logged.
     */
    void runSafely() {
      if (period != 0 && state != PENDING) return;
      try {
        runnable.run();
      } catch (SchedulerException e) {
        LOG.debug("periodic task ended: {}", e.getMessage());
        cancel();
      } catch (Throwable e) {
        if (period == 0) {
          LOG.error("scheduled task failed", e);
        } else {
          LOG.error("periodic task failed; it will not run again", e);
          cancel();
        }
      }
    }

    @Override
    public boolean cancel() {
      return STATE.compareAndSet(this, PENDING, CANCELLED);
    }

    @Override
    public boolean isCancelled() {
      return state == CANCELLED;
    }
  }
}

package io.troupe.testkit;

import io.troupe.actor.Cancellable;
import io.troupe.actor.Scheduler;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A scheduler whose clock moves only when a test calls {@link #advance}: tasks that fall due run on the advancing
 * thread (or are handed to their executor), in due order. Select it with
 * {@code troupe.scheduler.implementation = io.troupe.testkit.ManualScheduler} and get it back with
 * {@code (ManualScheduler) system.scheduler()}. Thread-safe; a test helper.
 */
public final class ManualScheduler implements Scheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowNanos;
  private long seq;
  private boolean closed;

  public ManualScheduler(Config config, String systemName, boolean daemonic) {}

  private final class Task implements Comparable<Task>, Cancellable {
    final Runnable runnable;
    final Executor executor;
    final long periodNanos; // 0: once
    final boolean fixedRate;
    long dueNanos;
    long order;
    boolean cancelled;
    boolean done;

    Task(Runnable runnable, Executor executor, long dueNanos, long periodNanos, boolean fixedRate) {
      this.runnable = runnable;
      this.executor = executor;
      this.dueNanos = dueNanos;
      this.periodNanos = periodNanos;
      this.fixedRate = fixedRate;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public boolean cancel() {
      synchronized (ManualScheduler.this) {
        if (cancelled || done) return false;
        cancelled = true;
        queue.remove(this);
        return true;
      }
    }

    @Override
    public boolean isCancelled() {
      synchronized (ManualScheduler.this) {
        return cancelled;
      }
    }
  }

  private synchronized Cancellable add(Duration delay, long periodNanos, boolean fixedRate, Runnable r, Executor e) {
    if (closed) throw new IllegalStateException("scheduler closed");
    Task t = new Task(r, e, nowNanos + Math.max(0, delay.toNanos()), periodNanos, fixedRate);
    t.order = seq++;
    queue.add(t);
    return t;
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable runnable, Executor executor) {
    return add(delay, 0, false, runnable, executor);
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable runnable, Executor executor) {
    return add(initialDelay, delay.toNanos(), false, runnable, executor);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable runnable, Executor executor) {
    return add(initialDelay, interval.toNanos(), true, runnable, executor);
  }

  /** Moves the clock forward by {@code d}, running every task that falls due on the way. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = nowNanos + d.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.dueNanos > target) {
          nowNanos = target;
          return;
        }
        queue.poll();
        nowNanos = Math.max(nowNanos, next.dueNanos);
        if (next.periodNanos > 0) {
          next.dueNanos = next.fixedRate ? next.dueNanos + next.periodNanos : nowNanos + next.periodNanos;
          next.order = seq++;
          queue.add(next);
        } else {
          next.done = true;
        }
      }
      try {
        if (next.executor == null) next.runnable.run();
        else next.executor.execute(next.runnable);
      } catch (RuntimeException e) {
        next.cancel(); // as the real scheduler: a periodic task that throws ends
      }
    }
  }

  /** The manual clock in milliseconds (starts at 0), e.g. for a failure detector's clock. */
  public synchronized long millis() {
    return nowNanos / 1_000_000L;
  }

  /** Tasks waiting, for assertions. */
  public synchronized List<Cancellable> pending() {
    return new ArrayList<>(queue);
  }

  @Override
  public synchronized void close() {
    closed = true;
    queue.clear();
  }
}

package io.troupe.actor.internal;

import com.typesafe.config.Config;
import io.troupe.actor.Cancellable;
import io.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default scheduler: one timer thread (a {@link ScheduledThreadPoolExecutor} that drops cancelled tasks at once),
 * handing each task to the executor it names. Short tasks such as a {@code tell} run on the timer thread itself.
 */
public final class DefaultScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultScheduler.class);
  private final ScheduledThreadPoolExecutor timer;

  public DefaultScheduler(Config config, String systemName, boolean daemonic) {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, systemName + "-scheduler-1");
      t.setDaemon(daemonic);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
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

  private static Runnable on(Runnable task, Executor executor) {
    if (executor == null) return safe(task);
    return () -> {
      try {
        executor.execute(safe(task));
      } catch (RejectedExecutionException e) {
        LOG.debug("scheduled task dropped: its executor is shut down");
      }
    };
  }

  private static Runnable safe(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        LOG.error("scheduled task failed", t);
      }
    };
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable runnable, Executor executor) {
    try {
      return new Handle(timer.schedule(on(runnable, executor), nanos(delay, "delay"), TimeUnit.NANOSECONDS));
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("cannot schedule: the scheduler is shut down (system terminated)", e);
    }
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable runnable, Executor executor) {
    long d = nanos(delay, "delay");
    if (d <= 0) throw new IllegalArgumentException("delay must be positive, was " + delay);
    try {
      return new Handle(timer.scheduleWithFixedDelay(on(runnable, executor), nanos(initialDelay, "initialDelay"), d, TimeUnit.NANOSECONDS));
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("cannot schedule: the scheduler is shut down (system terminated)", e);
    }
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable runnable, Executor executor) {
    long d = nanos(interval, "interval");
    if (d <= 0) throw new IllegalArgumentException("interval must be positive, was " + interval);
    try {
      return new Handle(timer.scheduleAtFixedRate(on(runnable, executor), nanos(initialDelay, "initialDelay"), d, TimeUnit.NANOSECONDS));
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("cannot schedule: the scheduler is shut down (system terminated)", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private static final class Handle implements Cancellable {
    private final ScheduledFuture<?> f;

    Handle(ScheduledFuture<?> f) { this.f = f; }

    @Override public boolean cancel() { return f.cancel(false); }
    @Override public boolean isCancelled() { return f.isCancelled(); }
  }
}

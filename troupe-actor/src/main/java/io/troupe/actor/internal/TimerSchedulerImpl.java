package io.troupe.actor.internal;

import io.troupe.actor.Cancellable;
import io.troupe.actor.NotInfluenceReceiveTimeout;
import io.troupe.actor.TimerScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Timers of one actor. Each timer's message travels wrapped in a {@link TimerMsg} carrying the key and a generation;
 * when it arrives the cell checks that the timer still exists with that generation, so a message from a cancelled or
 * replaced timer is never delivered, even if it was already in the mailbox. Actor's thread only.
 */
public final class TimerSchedulerImpl implements TimerScheduler {
  private final ActorCell cell;
  private final Map<Object, Timer> timers = new HashMap<>();
  private int generation;

  static final class Timer {
    final Object msg;
    final boolean repeat;
    final int generation;
    final Cancellable task;

    Timer(Object msg, boolean repeat, int generation, Cancellable task) {
      this.msg = msg;
      this.repeat = repeat;
      this.generation = generation;
      this.task = task;
    }
  }

  /**
   * The wrapper sent to the actor; not for user code. As in Pekko, it resets the receive timeout unless the timer's
   * message is itself {@link NotInfluenceReceiveTimeout} (then the wrapper is a {@link NotInfluenceTimerMsg}).
   */
  public static class TimerMsg {
    final Object key;
    final int generation;
    final TimerSchedulerImpl owner;

    TimerMsg(Object key, int generation, TimerSchedulerImpl owner) {
      this.key = key;
      this.generation = generation;
      this.owner = owner;
    }
  }

  /** The wrapper of a timer whose message does not influence the receive timeout. */
  public static final class NotInfluenceTimerMsg extends TimerMsg implements NotInfluenceReceiveTimeout {
    NotInfluenceTimerMsg(Object key, int generation, TimerSchedulerImpl owner) {
      super(key, generation, owner);
    }
  }

  TimerSchedulerImpl(ActorCell cell) {
    this.cell = cell;
  }

  @Override
  public void startSingleTimer(Object key, Object msg, Duration timeout) {
    start(key, msg, timeout, null, false);
  }

  @Override
  public void startTimerWithFixedDelay(Object key, Object msg, Duration delay) {
    start(key, msg, delay, delay, false);
  }

  @Override
  public void startTimerWithFixedDelay(Object key, Object msg, Duration initialDelay, Duration delay) {
    start(key, msg, initialDelay, delay, false);
  }

  @Override
  public void startTimerAtFixedRate(Object key, Object msg, Duration interval) {
    start(key, msg, interval, interval, true);
  }

  @Override
  public void startTimerAtFixedRate(Object key, Object msg, Duration initialDelay, Duration interval) {
    start(key, msg, initialDelay, interval, true);
  }

  @Override
  public void startPeriodicTimer(Object key, Object msg, Duration interval) {
    startTimerAtFixedRate(key, msg, interval);
  }

  private void start(Object key, Object msg, Duration initial, Duration period, boolean fixedRate) {
    Objects.requireNonNull(key, "timer key");
    Objects.requireNonNull(msg, "timer message");
    cancel(key);
    int gen = ++generation;
    TimerMsg wrapped = msg instanceof NotInfluenceReceiveTimeout
        ? new NotInfluenceTimerMsg(key, gen, this) : new TimerMsg(key, gen, this);
    io.troupe.actor.Scheduler s = cell.systemImpl().scheduler();
    io.troupe.actor.ActorRef self = cell.self();
    Cancellable task;
    if (period == null) task = s.scheduleOnce(initial, self, wrapped, null, null);
    else if (fixedRate) task = s.scheduleAtFixedRate(initial, period, self, wrapped, null, null);
    else task = s.scheduleWithFixedDelay(initial, period, self, wrapped, null, null);
    timers.put(key, new Timer(msg, period != null, gen, task));
  }

  @Override
  public boolean isTimerActive(Object key) {
    return timers.containsKey(key);
  }

  @Override
  public void cancel(Object key) {
    Timer t = timers.remove(key);
    if (t != null) t.task.cancel();
  }

  @Override
  public void cancelAll() {
    for (Timer t : timers.values()) t.task.cancel();
    timers.clear();
  }

  /** The message to deliver for an arrived timer message, or null when it is stale. */
  Object interceptTimerMsg(TimerMsg m) {
    if (m.owner != this) return null;
    Timer t = timers.get(m.key);
    if (t == null || t.generation != m.generation) return null;
    if (!t.repeat) timers.remove(m.key);
    return t.msg;
  }
}

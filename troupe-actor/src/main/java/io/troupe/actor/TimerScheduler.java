package io.troupe.actor;

import java.time.Duration;

/**
 * An actor's timers, from {@link AbstractActorWithTimers#getTimers()}. Each timer has a key; starting a timer with a key
 * in use replaces it, and a cancelled or replaced timer's message is never delivered. Timers are cancelled when the
 * actor restarts or stops. Use from the actor's own thread only.
 */
public interface TimerScheduler {
  void startSingleTimer(Object key, Object msg, Duration timeout);

  void startTimerWithFixedDelay(Object key, Object msg, Duration delay);

  void startTimerWithFixedDelay(Object key, Object msg, Duration initialDelay, Duration delay);

  void startTimerAtFixedRate(Object key, Object msg, Duration interval);

  void startTimerAtFixedRate(Object key, Object msg, Duration initialDelay, Duration interval);

  /** Deprecated Pekko name of {@link #startTimerAtFixedRate(Object, Object, Duration)}. */
  void startPeriodicTimer(Object key, Object msg, Duration interval);

  boolean isTimerActive(Object key);

  void cancel(Object key);

  void cancelAll();
}

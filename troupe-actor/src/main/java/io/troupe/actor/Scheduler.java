package io.troupe.actor;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Runs tasks and sends messages later or periodically. Not for precise timing: tasks run on or after their time.
 * Implementations are named by {@code troupe.scheduler.implementation} and have a public constructor
 * {@code (Config, String systemName, boolean daemonic)}.
 */
public interface Scheduler extends AutoCloseable {

  /** Runs {@code runnable} on {@code executor} once after {@code delay}. */
  Cancellable scheduleOnce(Duration delay, Runnable runnable, Executor executor);

  /** Runs {@code runnable} after {@code initialDelay}, then again {@code delay} after each run ends. */
  Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable runnable, Executor executor);

  /** Runs {@code runnable} after {@code initialDelay}, then every {@code interval}, catching up when late. */
  Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable runnable, Executor executor);

  /** Sends {@code message} to {@code receiver} once after {@code delay}. */
  default Cancellable scheduleOnce(Duration delay, ActorRef receiver, Object message, Executor executor, ActorRef sender) {
    return scheduleOnce(delay, () -> receiver.tell(message, sender), Runnable::run);
  }

  /** Sends {@code message} repeatedly with a fixed delay between sends. */
  default Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, ActorRef receiver, Object message,
                                             Executor executor, ActorRef sender) {
    return scheduleWithFixedDelay(initialDelay, delay, () -> receiver.tell(message, sender), Runnable::run);
  }

  /** Sends {@code message} at a fixed rate. */
  default Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, ActorRef receiver, Object message,
                                          Executor executor, ActorRef sender) {
    return scheduleAtFixedRate(initialDelay, interval, () -> receiver.tell(message, sender), Runnable::run);
  }

  /** Deprecated Pekko name of {@link #scheduleAtFixedRate}. */
  default Cancellable schedule(Duration initialDelay, Duration interval, ActorRef receiver, Object message,
                               Executor executor, ActorRef sender) {
    return scheduleAtFixedRate(initialDelay, interval, receiver, message, executor, sender);
  }

  /** The scheduler's resolution: tasks may run up to this much late. */
  default double maxFrequency() { return 1000.0; }

  /** Stops the scheduler; pending tasks are dropped. Called when the system terminates. */
  @Override
  void close();
}

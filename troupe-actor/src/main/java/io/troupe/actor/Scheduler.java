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

  /**
   * Runs {@code runnable} after {@code initialDelay}, then again {@code delay} after each run ends. If a run throws,
   * the task is not run again (a {@link SchedulerException} ends it quietly, anything else is logged).
   */
  Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable runnable, Executor executor);

  /**
   * Runs {@code runnable} after {@code initialDelay}, then every {@code interval}, catching up when late. If a run
   * throws, the task is not run again (a {@link SchedulerException} ends it quietly, anything else is logged).
   */
  Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable runnable, Executor executor);

  /** Sends {@code message} to {@code receiver} once after {@code delay}. */
  default Cancellable scheduleOnce(Duration delay, ActorRef receiver, Object message, Executor executor, ActorRef sender) {
    return scheduleOnce(delay, () -> receiver.tell(message, sender), Runnable::run);
  }

  /** Sends {@code message} repeatedly with a fixed delay between sends; stops once the receiver has terminated. */
  default Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, ActorRef receiver, Object message,
                                             Executor executor, ActorRef sender) {
    return scheduleWithFixedDelay(initialDelay, delay, periodicSend(receiver, message, sender), Runnable::run);
  }

  /** Sends {@code message} at a fixed rate; stops once the receiver has terminated. */
  default Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, ActorRef receiver, Object message,
                                          Executor executor, ActorRef sender) {
    return scheduleAtFixedRate(initialDelay, interval, periodicSend(receiver, message, sender), Runnable::run);
  }

  /** A send that ends its repetition (as Pekko does) when the receiver is known to have terminated. */
  private static Runnable periodicSend(ActorRef receiver, Object message, ActorRef sender) {
    return () -> {
      receiver.tell(message, sender);
      if (receiver instanceof io.troupe.actor.internal.InternalActorRef
          && ((io.troupe.actor.internal.InternalActorRef) receiver).isTerminated()) {
        throw new SchedulerException("timer active for terminated actor " + receiver);
      }
    };
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

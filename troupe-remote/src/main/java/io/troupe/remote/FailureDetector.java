package io.troupe.remote;

/**
 * Decides whether a monitored resource (a remote node) is available, from the heartbeats it sends.
 *
 * <p>Contract: implementations are thread-safe; {@link #heartbeat()} is called on every heartbeat (from any thread),
 * {@link #isAvailable()} and {@link #isMonitoring()} may be called concurrently and must not block. An implementation
 * named by {@code implementation-class} in a failure-detector config block has a public constructor
 * {@code (com.typesafe.config.Config, io.troupe.event.EventStream)}, as in Pekko.
 */
public interface FailureDetector {
  /** True while the resource is considered up; also true before monitoring started. */
  boolean isAvailable();

  /** True once the first heartbeat arrived. */
  boolean isMonitoring();

  /** Records a heartbeat now. */
  void heartbeat();

  /** The source of time, in milliseconds; tests inject a manual one. */
  @FunctionalInterface
  interface Clock {
    long millis();

    /** The wall clock's monotonic time, {@code System.nanoTime() / 1_000_000}. */
    Clock SYSTEM = () -> System.nanoTime() / 1_000_000L;
  }
}

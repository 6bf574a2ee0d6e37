package io.troupe.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline and a message, for tests that have no TestKit at hand. */
public final class Await {
  private Await() {}

  /**
   * Polls {@code condition} until it holds.
   *
   * @throws AssertionError naming {@code what} when {@code max} passes first
   */
  public static void until(String what, Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    long pause = 1_000_000L; // 1 ms, growing to 50 ms
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out after " + max + " waiting for: " + what);
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, 50_000_000L);
      if (Thread.interrupted()) throw new AssertionError("interrupted while waiting for: " + what);
    }
  }

  /** Like {@link #until(String, Duration, BooleanSupplier)}, with a 10 second deadline. */
  public static void until(String what, BooleanSupplier condition) {
    until(what, Duration.ofSeconds(10), condition);
  }

  /** Polls {@code value} until it is non-null and returns it. */
  public static <T> T value(String what, Duration max, Supplier<T> value) {
    Object[] holder = new Object[1];
    until(what, max, () -> (holder[0] = value.get()) != null);
    @SuppressWarnings("unchecked")
    T t = (T) holder[0];
    return t;
  }
}

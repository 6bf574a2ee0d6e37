package io.troupe.remote;

import com.typesafe.config.Config;
import io.troupe.event.EventStream;
import java.time.Duration;

/**
 * Declares the resource unavailable when no heartbeat arrived within {@code heartbeat-interval +
 * acceptable-heartbeat-pause} of the last one: simple and predictable, with no adaptation to jitter.
 */
public class DeadlineFailureDetector implements FailureDetector {
  private final long deadlineMillis;
  private final Clock clock;
  private volatile long lastHeartbeat = -1;

  public DeadlineFailureDetector(Duration acceptableHeartbeatPause, Duration heartbeatInterval, Clock clock) {
    if (acceptableHeartbeatPause.isNegative()) {
      throw new IllegalArgumentException("failure-detector.acceptable-heartbeat-pause must be >= 0, was " + acceptableHeartbeatPause);
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("failure-detector.heartbeat-interval must be > 0, was " + heartbeatInterval);
    }
    this.deadlineMillis = acceptableHeartbeatPause.toMillis() + heartbeatInterval.toMillis();
    this.clock = clock;
  }

  /** Pekko's config constructor: {@code acceptable-heartbeat-pause} and {@code heartbeat-interval}. */
  public DeadlineFailureDetector(Config config, EventStream eventStream) {
    this(config.getDuration("acceptable-heartbeat-pause"), config.getDuration("heartbeat-interval"), Clock.SYSTEM);
  }

  @Override
  public boolean isAvailable() {
    long last = lastHeartbeat;
    return last < 0 || clock.millis() - last <= deadlineMillis;
  }

  @Override public boolean isMonitoring() { return lastHeartbeat >= 0; }

  @Override public void heartbeat() { lastHeartbeat = clock.millis(); }
}

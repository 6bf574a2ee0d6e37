package io.troupe.remote;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.event.EventStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phi accrual failure detector (Hayashibara et al.), as in Pekko.
 *
 * <p>Design note. It keeps the last {@code max-sample-size} intervals between heartbeats and models them as a normal
 * distribution. At time t since the last heartbeat, {@code phi = -log10(1 - F(t))}, where F is the cumulative
 * distribution with mean = mean interval + {@code acceptable-heartbeat-pause} and standard deviation = max(observed,
 * {@code min-std-deviation}). F is Pekko's logistic approximation of the normal CDF,
 * {@code 1 / (1 + exp(-y * (1.5976 + 0.070566 * y^2)))} with {@code y = (t - mean) / stdDev}, evaluated in the same
 * way so that the same history gives the same phi to many digits. The resource is available while
 * {@code phi < threshold}. Before the second heartbeat the history holds two synthetic intervals around
 * {@code first-heartbeat-estimate} (mean ± mean/4). The first heartbeat after the detector declared the resource
 * unavailable is not added to the history, so a long pause does not skew it.
 *
 * <p>Trade-offs: a lower threshold detects real failures sooner but mistakes slow heartbeats (GC pauses, load) for
 * failures more often; a larger acceptable pause tolerates such pauses at the price of later detection. State is an
 * immutable snapshot swapped with compare-and-set, so all methods are thread-safe and lock-free.
 */
public class PhiAccrualFailureDetector implements FailureDetector {
  private static final Logger LOG = LoggerFactory.getLogger(PhiAccrualFailureDetector.class);

  private final double threshold;
  private final int maxSampleSize;
  private final long minStdDeviationMillis;
  private final long acceptableHeartbeatPauseMillis;
  private final long firstHeartbeatEstimateMillis;
  private final Clock clock;
  private final EventStream eventStream;
  private final AtomicReference<State> state;

  /** The settings of Pekko's primary constructor, with a clock. */
  public PhiAccrualFailureDetector(double threshold, int maxSampleSize, Duration minStdDeviation,
                                   Duration acceptableHeartbeatPause, Duration firstHeartbeatEstimate, Clock clock) {
    this(threshold, maxSampleSize, minStdDeviation, acceptableHeartbeatPause, firstHeartbeatEstimate, clock, null);
  }

  public PhiAccrualFailureDetector(double threshold, int maxSampleSize, Duration minStdDeviation,
                                   Duration acceptableHeartbeatPause, Duration firstHeartbeatEstimate, Clock clock,
                                   EventStream eventStream) {
    if (!(threshold > 0.0)) throw new IllegalArgumentException("failure-detector.threshold must be > 0, was " + threshold);
    if (maxSampleSize <= 0) throw new IllegalArgumentException("failure-detector.max-sample-size must be > 0, was " + maxSampleSize);
    if (minStdDeviation.isNegative() || minStdDeviation.isZero()) {
      throw new IllegalArgumentException("failure-detector.min-std-deviation must be > 0, was " + minStdDeviation);
    }
    if (acceptableHeartbeatPause.isNegative()) {
      throw new IllegalArgumentException("failure-detector.acceptable-heartbeat-pause must be >= 0, was " + acceptableHeartbeatPause);
    }
    if (firstHeartbeatEstimate.isNegative() || firstHeartbeatEstimate.isZero()) {
      throw new IllegalArgumentException("failure-detector.heartbeat-interval must be > 0, was " + firstHeartbeatEstimate);
    }
    this.threshold = threshold;
    this.maxSampleSize = maxSampleSize;
    this.minStdDeviationMillis = minStdDeviation.toMillis();
    this.acceptableHeartbeatPauseMillis = acceptableHeartbeatPause.toMillis();
    this.firstHeartbeatEstimateMillis = firstHeartbeatEstimate.toMillis();
    this.clock = clock;
    this.eventStream = eventStream;
    long mean = firstHeartbeatEstimateMillis;
    long std = mean / 4;
    this.state = new AtomicReference<>(new State(History.empty(maxSampleSize).add(mean - std).add(mean + std), -1L));
  }

  /** Pekko's config constructor: reads {@code threshold}, {@code max-sample-size}, {@code min-std-deviation}, ... */
  public PhiAccrualFailureDetector(Config config, EventStream eventStream) {
    this(config.getDouble("threshold"), config.getInt("max-sample-size"), config.getDuration("min-std-deviation"),
        config.getDuration("acceptable-heartbeat-pause"), config.getDuration("heartbeat-interval"), Clock.SYSTEM, eventStream);
  }

  public double threshold() { return threshold; }

  public Duration acceptableHeartbeatPause() { return Duration.ofMillis(acceptableHeartbeatPauseMillis); }

  @Override
  public boolean isAvailable() {
    return isAvailable(clock.millis());
  }

  private boolean isAvailable(long now) {
    return phi(now) < threshold;
  }

  @Override
  public boolean isMonitoring() {
    return state.get().timestamp >= 0;
  }

  @Override
  public void heartbeat() {
    long now = clock.millis();
    while (true) {
      State old = state.get();
      State next;
      if (old.timestamp < 0) {
        next = new State(old.history, now); // first heartbeat: just remember when
      } else {
        long interval = now - old.timestamp;
        History h = old.history;
        if (isAvailable(now)) {
          if (interval >= acceptableHeartbeatPauseMillis / 3 * 2 && acceptableHeartbeatPauseMillis > 0) {
            LOG.warn("heartbeat interval is growing too large for address: {} ms", interval);
          }
          h = h.add(interval);
        }
        next = new State(h, now);
      }
      if (state.compareAndSet(old, next)) return;
    }
  }

  /** The suspicion level now; 0 before the first heartbeat. */
  public double phi() {
    return phi(clock.millis());
  }

  private double phi(long now) {
    State s = state.get();
    if (s.timestamp < 0) return 0.0;
    long timeDiff = now - s.timestamp;
    History h = s.history;
    double mean = h.mean() + acceptableHeartbeatPauseMillis;
    double stdDeviation = Math.max(h.stdDeviation(), minStdDeviationMillis);
    return phi(timeDiff, mean, stdDeviation);
  }

  /**
   * phi for a time since the last heartbeat, given the interval distribution's mean and standard deviation: the
   * logistic approximation of the normal CDF that Pekko documents, with the same branch for large values.
   */
  public static double phi(long timeDiff, double mean, double stdDeviation) {
    double y = (timeDiff - mean) / stdDeviation;
    double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    if (timeDiff > mean) return -Math.log10(e / (1.0 + e));
    return -Math.log10(1.0 - 1.0 / (1.0 + e));
  }

  private static final class State {
    final History history;
    final long timestamp; // -1: no heartbeat yet

    State(History history, long timestamp) {
      this.history = history;
      this.timestamp = timestamp;
    }
  }

  /** An immutable window of the last intervals, with running sums for mean and variance. */
  static final class History {
    final int maxSampleSize;
    final long[] intervals; // oldest first
    final long intervalSum;
    final long squaredIntervalSum;

    private History(int maxSampleSize, long[] intervals, long intervalSum, long squaredIntervalSum) {
      this.maxSampleSize = maxSampleSize;
      this.intervals = intervals;
      this.intervalSum = intervalSum;
      this.squaredIntervalSum = squaredIntervalSum;
    }

    static History empty(int maxSampleSize) {
      return new History(maxSampleSize, new long[0], 0, 0);
    }

    History add(long interval) {
      long[] next;
      long sum = intervalSum + interval;
      long sq = squaredIntervalSum + interval * interval;
      if (intervals.length < maxSampleSize) {
        next = java.util.Arrays.copyOf(intervals, intervals.length + 1);
      } else {
        long dropped = intervals[0];
        sum -= dropped;
        sq -= dropped * dropped;
        next = new long[intervals.length];
        System.arraycopy(intervals, 1, next, 0, intervals.length - 1);
      }
      next[next.length - 1] = interval;
      return new History(maxSampleSize, next, sum, sq);
    }

    double mean() {
      return (double) intervalSum / intervals.length;
    }

    double variance() {
      double m = mean();
      return ((double) squaredIntervalSum / intervals.length) - (m * m);
    }

    double stdDeviation() {
      return Math.sqrt(variance());
    }
  }

  /** Reads a failure-detector config block's values, for error messages that name the key. */
  static void validate(Config c, String path) {
    try {
      new PhiAccrualFailureDetector(c, null);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(path + ": " + e.getMessage(), e);
    }
  }
}

package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The phi accrual detector on a manual clock. */
class PhiAccrualFailureDetectorTest {
  private final AtomicLong now = new AtomicLong(1_000_000);

  private PhiAccrualFailureDetector detector(double threshold, int maxSamples, long minStdMs, long pauseMs, long firstMs) {
    return new PhiAccrualFailureDetector(threshold, maxSamples, Duration.ofMillis(minStdMs), Duration.ofMillis(pauseMs),
        Duration.ofMillis(firstMs), now::get);
  }

  private static double cdf(double phi) {
    return 1.0 - Math.pow(10, -phi);
  }

  /** Heartbeats after each of the given gaps (the first value is the wait before the first heartbeat). */
  private void beats(PhiAccrualFailureDetector fd, long... gaps) {
    for (long g : gaps) {
      now.addAndGet(g);
      fd.heartbeat();
    }
  }

  @Test
  void phiShouldFollowTheNormalDistribution() {
    // cdf(phi) approximates the normal CDF; reference values of N(0, 10) to three places
    assertEquals(0.5, cdf(PhiAccrualFailureDetector.phi(0, 0, 10)), 0.001);
    assertEquals(0.7257, cdf(PhiAccrualFailureDetector.phi(6, 0, 10)), 0.001);
    assertEquals(0.9332, cdf(PhiAccrualFailureDetector.phi(15, 0, 10)), 0.001);
    assertEquals(0.97725, cdf(PhiAccrualFailureDetector.phi(20, 0, 10)), 0.001);
    assertEquals(0.99379, cdf(PhiAccrualFailureDetector.phi(25, 0, 10)), 0.001);
    assertEquals(0.99977, cdf(PhiAccrualFailureDetector.phi(35, 0, 10)), 0.001);
    assertEquals(0.99997, cdf(PhiAccrualFailureDetector.phi(40, 0, 10)), 0.0001);
  }

  @Test
  void phiShouldUseTheLogisticApproximationExactly() {
    // y = (1500 - 1000) / 200 = 2.5; e = exp(-2.5 * (1.5976 + 0.070566 * 6.25)); phi = -log10(e / (1 + e))
    double y = 2.5;
    double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    assertEquals(-Math.log10(e / (1.0 + e)), PhiAccrualFailureDetector.phi(1500, 1000.0, 200.0), 0.0);
    // below the mean the other branch: phi = -log10(1 - 1 / (1 + e))
    double y2 = -1.25;
    double e2 = Math.exp(-y2 * (1.5976 + 0.070566 * y2 * y2));
    assertEquals(-Math.log10(1.0 - 1.0 / (1.0 + e2)), PhiAccrualFailureDetector.phi(750, 1000.0, 200.0), 0.0);
  }

  @Test
  void phiShouldGrowMonotonicallyWithTimeSinceTheLastHeartbeat() {
    double previous = -1;
    for (long t = 0; t < 3000; t += 50) {
      double p = PhiAccrualFailureDetector.phi(t, 1000, 100);
      assertTrue(p >= previous, "phi must not decrease: at " + t + " got " + p + " after " + previous);
      previous = p;
    }
  }

  @Test
  void shouldReturnZeroAndBeAvailableBeforeTheFirstHeartbeat() {
    PhiAccrualFailureDetector fd = detector(8.0, 1000, 100, 0, 1000);
    assertEquals(0.0, fd.phi(), 0.0);
    assertTrue(fd.isAvailable());
    assertFalse(fd.isMonitoring());
    now.addAndGet(1_000_000);
    assertTrue(fd.isAvailable(), "not monitored yet: available whatever the time");
  }

  @Test
  void shouldUseTheFirstHeartbeatEstimateAfterOneHeartbeat() {
    // history starts as {750, 1250} for an estimate of 1000: mean 1000, std 250
    PhiAccrualFailureDetector fd = detector(8.0, 1000, 100, 0, 1000);
    fd.heartbeat();
    assertTrue(fd.isMonitoring());
    now.addAndGet(1000);
    assertEquals(PhiAccrualFailureDetector.phi(1000, 1000, 250), fd.phi(), 1e-12);
    assertEquals(0.3, fd.phi(), 0.1);
    now.addAndGet(1000); // 2000 after the heartbeat: 4 standard deviations
    assertEquals(PhiAccrualFailureDetector.phi(2000, 1000, 250), fd.phi(), 1e-12);
    assertEquals(4.5, fd.phi(), 0.5);
    now.addAndGet(3000);
    assertTrue(fd.phi() > 15.0);
    assertFalse(fd.isAvailable());
  }

  @Test
  void shouldComputeMeanAndDeviationOfTheHistory() {
    PhiAccrualFailureDetector.History h = PhiAccrualFailureDetector.History.empty(20);
    for (long v : new long[] {100, 200, 300, 400, 500}) h = h.add(v);
    assertEquals(300.0, h.mean(), 0.0);
    assertEquals(20000.0, h.variance(), 1e-9);
    assertEquals(Math.sqrt(20000.0), h.stdDeviation(), 1e-12);
  }

  @Test
  void shouldKeepOnlyMaxSampleSizeIntervals() {
    PhiAccrualFailureDetector.History h = PhiAccrualFailureDetector.History.empty(3);
    for (long v : new long[] {1000, 1000, 1000, 10, 10, 10}) h = h.add(v);
    assertEquals(3, h.intervals.length);
    assertEquals(10.0, h.mean(), 0.0);
    assertEquals(0.0, h.variance(), 1e-9);
  }

  @Test
  void shouldMarkTheNodeDeadWhenHeartbeatsStop() {
    PhiAccrualFailureDetector fd = detector(3.0, 1000, 10, 0, 1000);
    beats(fd, 0, 1000, 100, 100);
    assertTrue(fd.isAvailable());
    now.addAndGet(7000);
    assertFalse(fd.isAvailable());
  }

  @Test
  void shouldFlipExactlyWherePhiReachesTheThreshold() {
    double threshold = 8.0;
    PhiAccrualFailureDetector fd = detector(threshold, 1000, 100, 0, 1000);
    beats(fd, 0, 1000, 1000, 1000, 1000, 1000);
    long t = 0;
    while (fd.isAvailable()) {
      now.incrementAndGet();
      t++;
      assertTrue(t < 100_000, "never flipped");
    }
    assertTrue(fd.phi() >= threshold);
    now.decrementAndGet();
    assertTrue(fd.phi() < threshold && fd.isAvailable(), "one millisecond earlier it was still available");
  }

  @Test
  void shouldToleratePausesUpToTheAcceptableHeartbeatPause() {
    PhiAccrualFailureDetector fd = detector(8.0, 1000, 100, 3000, 1000);
    beats(fd, 0, 1000, 1000, 1000, 1000, 1000, 500, 500);
    now.addAndGet(4000); // a 4 s pause: one interval plus three seconds of acceptable pause
    assertTrue(fd.isAvailable());
    now.addAndGet(6000);
    assertFalse(fd.isAvailable(), "well past interval + acceptable pause");
  }

  @Test
  void shouldBecomeAvailableAgainWhenHeartbeatsResumeWithoutSkewingTheHistory() {
    PhiAccrualFailureDetector fd = detector(8.0, 1000, 100, 0, 1000);
    beats(fd, 0, 1000, 1000, 1000);
    now.addAndGet(10_000);
    assertFalse(fd.isAvailable());
    fd.heartbeat(); // the 10 s gap is not added to the history
    assertTrue(fd.isAvailable());
    now.addAndGet(1500);
    // history {750, 1250, 1000, 1000, 1000}: mean 1000, variance 25000; the 10 s gap would have changed both
    assertEquals(PhiAccrualFailureDetector.phi(1500, 1000.0, Math.sqrt(25000.0)), fd.phi(), 1e-9);
  }

  @Test
  void shouldRefuseNonsensicalSettings() {
    assertThrows(IllegalArgumentException.class, () -> detector(0.0, 10, 100, 0, 1000));
    assertThrows(IllegalArgumentException.class, () -> detector(8.0, 0, 100, 0, 1000));
    assertThrows(IllegalArgumentException.class, () -> detector(8.0, 10, 0, 0, 1000));
    assertThrows(IllegalArgumentException.class, () -> detector(8.0, 10, 100, -1, 1000));
    assertThrows(IllegalArgumentException.class, () -> detector(8.0, 10, 100, 0, 0));
  }

  @Test
  void deadlineDetectorShouldFlipAfterIntervalPlusPause() {
    DeadlineFailureDetector fd = new DeadlineFailureDetector(Duration.ofSeconds(4), Duration.ofSeconds(1), now::get);
    assertTrue(fd.isAvailable());
    assertFalse(fd.isMonitoring());
    fd.heartbeat();
    now.addAndGet(5000);
    assertTrue(fd.isAvailable());
    now.incrementAndGet();
    assertFalse(fd.isAvailable());
    fd.heartbeat();
    assertTrue(fd.isAvailable());
  }

  @Test
  void registryShouldCreateOneDetectorPerResource() {
    FailureDetectorRegistry<String> reg = new FailureDetectorRegistry<>(() -> detector(8.0, 100, 100, 0, 1000));
    assertTrue(reg.isAvailable("a"));
    assertFalse(reg.isMonitoring("a"));
    reg.heartbeat("a");
    assertTrue(reg.isMonitoring("a"));
    assertFalse(reg.isMonitoring("b"));
    now.addAndGet(60_000);
    assertFalse(reg.isAvailable("a"));
    assertTrue(reg.isAvailable("b"));
    reg.remove("a");
    assertTrue(reg.isAvailable("a"));
  }
}

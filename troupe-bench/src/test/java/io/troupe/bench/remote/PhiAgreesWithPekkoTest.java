package io.troupe.bench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.remote.PhiAccrualFailureDetector;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.remote.FailureDetector;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

/**
 * Troupe's phi accrual failure detector against Pekko 1.7.0's own, fed the same heartbeat histories on the same manual
 * clock: phi and availability must agree to many digits at every moment checked. (Pekko is allowed on this module's
 * test class path; the product never depends on it.)
 */
class PhiAgreesWithPekkoTest {
  private long now;

  private final class PekkoClock extends FailureDetector.Clock {
    @Override public long apply$mcJ$sp() { return now; }

    @Override public Object apply() { return now; }
  }

  @Test
  void phiShouldMatchPekkoForRandomHistories() {
    SplittableRandom rnd = new SplittableRandom(4711);
    int checks = 0;
    for (int scenario = 0; scenario < 300; scenario++) {
      double threshold = 1 + rnd.nextDouble() * 15;
      int maxSamples = 1 + rnd.nextInt(300);
      long minStd = 10 + rnd.nextInt(500);
      long pause = rnd.nextInt(10_000);
      long first = 100 + rnd.nextInt(3000);
      now = 1_000_000L + rnd.nextInt(1_000_000);
      PhiAccrualFailureDetector ours = new PhiAccrualFailureDetector(threshold, maxSamples, Duration.ofMillis(minStd),
          Duration.ofMillis(pause), Duration.ofMillis(first), () -> now);
      org.apache.pekko.remote.PhiAccrualFailureDetector theirs = new org.apache.pekko.remote.PhiAccrualFailureDetector(
          threshold, maxSamples, FiniteDuration.apply(minStd, TimeUnit.MILLISECONDS),
          FiniteDuration.apply(pause, TimeUnit.MILLISECONDS), FiniteDuration.apply(first, TimeUnit.MILLISECONDS), new PekkoClock());
      long base = 200 + rnd.nextInt(2000);
      int beats = rnd.nextInt(400);
      for (int i = 0; i < beats; i++) {
        // jittery intervals with occasional long pauses, so that some heartbeats arrive while unavailable
        long interval = rnd.nextInt(20) == 0 ? base * (2 + rnd.nextInt(30)) : Math.max(1, base + rnd.nextInt((int) base) - base / 2);
        now += interval;
        if (rnd.nextInt(3) == 0) checks += compare(ours, theirs, "scenario " + scenario + " before beat " + i);
        ours.heartbeat();
        theirs.heartbeat();
      }
      for (int k = 0; k < 20; k++) {
        now += rnd.nextInt(5000);
        checks += compare(ours, theirs, "scenario " + scenario + " after the last beat");
      }
    }
    System.out.println("compared phi and availability at " + checks + " moments");
  }

  private int compare(PhiAccrualFailureDetector ours, org.apache.pekko.remote.PhiAccrualFailureDetector theirs, String where) {
    double a = ours.phi();
    double b = theirs.phi();
    if (Double.isInfinite(b) || Double.isNaN(b)) {
      assertEquals(b, a, where);
    } else {
      assertEquals(b, a, 1e-9 * Math.max(1.0, Math.abs(b)), where);
    }
    assertEquals(theirs.isAvailable(), ours.isAvailable(), where + " (phi " + a + ")");
    assertEquals(theirs.isMonitoring(), ours.isMonitoring(), where);
    return 1;
  }
}

package io.troupe.remote.watch;

import com.typesafe.config.Config;
import io.troupe.event.EventStream;
import io.troupe.remote.PhiAccrualFailureDetector;
import java.util.function.LongSupplier;

/** The phi accrual detector reading a clock the test sets: plugged in through implementation-class. */
public final class ManualClockPhiAccrualFailureDetector extends PhiAccrualFailureDetector {
  static volatile LongSupplier clock = () -> 0L;

  public ManualClockPhiAccrualFailureDetector(Config c, EventStream es) {
    super(c.getDouble("threshold"), c.getInt("max-sample-size"), c.getDuration("min-std-deviation"),
        c.getDuration("acceptable-heartbeat-pause"), c.getDuration("heartbeat-interval"), () -> clock.getAsLong(), es);
  }
}

package io.troupe.actor;

import io.troupe.event.Logging;
import io.troupe.event.LoggingAdapter;

/** An actor with a {@link #log()} named after its class and carrying its path. */
public abstract class AbstractLoggingActor extends AbstractActor {
  private LoggingAdapter log;

  public LoggingAdapter log() {
    if (log == null) log = Logging.getLogger(this);
    return log;
  }
}

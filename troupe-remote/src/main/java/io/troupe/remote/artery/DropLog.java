package io.troupe.remote.artery;

import io.troupe.actor.Address;
import io.troupe.remote.RemotingCounters.Counter;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the first drop of each kind at WARN and the rest at DEBUG, so that a hostile or broken peer cannot flood the
 * log; every drop is counted in {@link io.troupe.remote.RemotingCounters} either way.
 */
public final class DropLog {
  private static final Logger LOG = LoggerFactory.getLogger(DropLog.class);
  private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
  private final Address local;
  private final io.troupe.remote.observe.RemotingFlightRecorder recorder;

  DropLog(Address local, io.troupe.remote.observe.RemotingFlightRecorder recorder) {
    this.local = local;
    this.recorder = recorder;
  }

  public void log(Counter reason, Address peer, Object message) {
    String cls = message == null ? "null" : message.getClass().getName();
    log(reason, peer, "message of type [" + cls + "]", reason.name());
  }

  /** Logs with an explicit kind key (for example reason + class), first at WARN then at DEBUG. */
  public void log(Counter reason, Address peer, String what, String kind) {
    recorder.dropped(reason, peer, what);
    if (seen.putIfAbsent(kind, Boolean.TRUE) == null) {
      LOG.warn("[{}] dropping {} {} [{}]: {}. Further drops of this kind are counted (RemotingCounters.{}) and logged at DEBUG",
          local, what, direction(reason), peer, reason.label(), reason.name());
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("[{}] dropping {} {} [{}]: {}", local, what, direction(reason), peer, reason.label());
    }
  }

  private static String direction(Counter reason) {
    switch (reason) {
      case DROPPED_UNKNOWN_RECIPIENT:
      case DROPPED_DESERIALIZATION_FAILED:
      case DROPPED_UNKNOWN_SERIALIZER:
      case DROPPED_UNKNOWN_ORIGIN:
      case DROPPED_WRONG_ADDRESS:
      case DROPPED_UNTRUSTED:
      case DROPPED_COMPRESSION_UNKNOWN:
      case DROPPED_UNSUPPORTED_VERSION:
        return "from";
      default:
        return "to";
    }
  }
}

package io.troupe.remote.transport.tls;

import io.troupe.event.LogMarkers;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a TLS refusal at WARN with the {@link LogMarkers#SECURITY} marker the first time for a key (peer host and
 * reason) and at DEBUG afterwards, so that a peer retrying with a bad certificate cannot flood the log. Keeps at most
 * {@value #MAX_KEYS} keys, then starts over.
 */
final class RefusalLog {
  static final int MAX_KEYS = 1024;
  private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
  private final Logger log;

  RefusalLog(Logger log) {
    this.log = log;
  }

  void refused(String key, String format, Object... args) {
    if (seen.size() >= MAX_KEYS) seen.clear();
    if (seen.putIfAbsent(key, Boolean.TRUE) == null) {
      log.warn(LogMarkers.SECURITY, format, args);
    } else if (log.isDebugEnabled()) {
      log.debug(LogMarkers.SECURITY, format, args);
    }
  }
}

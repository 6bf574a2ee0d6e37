package io.troupe.remote.artery;

import io.troupe.actor.ActorRef;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code log-frame-size-exceeding}: logs the type and size of payloads above the threshold, once per type and again
 * whenever a type reaches a new maximum.
 */
final class FrameSizeLog {
  private static final Logger LOG = LoggerFactory.getLogger(FrameSizeLog.class);
  private final long threshold;
  private final ConcurrentHashMap<Class<?>, Integer> maxima = new ConcurrentHashMap<>();

  FrameSizeLog(long threshold) {
    this.threshold = threshold;
  }

  void observe(Object msg, int payloadBytes, ActorRef recipient) {
    if (threshold < 0 || payloadBytes <= threshold) return;
    Class<?> c = msg.getClass();
    Integer prev = maxima.get(c);
    if (prev == null) {
      if (maxima.putIfAbsent(c, payloadBytes) == null) {
        LOG.info("Payload size for [{}] is [{}] bytes. Sent to {}", c.getName(), payloadBytes, recipient);
      }
    } else if (payloadBytes > prev && maxima.replace(c, prev, payloadBytes)) {
      LOG.info("New maximum payload size for [{}] is [{}] bytes. Sent to {}", c.getName(), payloadBytes, recipient);
    }
  }
}

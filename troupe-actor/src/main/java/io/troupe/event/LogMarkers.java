package io.troupe.event;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The SLF4J markers Troupe puts on log lines that operators filter for. Route them in the logging configuration, e.g.
 * a logback {@code <turboFilter>} or an appender filter on the marker name.
 */
public final class LogMarkers {
  private LogMarkers() {}

  /**
   * Security-relevant events: refused Java serialization, refused deserialization of classes that are not allowed,
   * settings that weaken the defaults. Named {@code SECURITY}, as Pekko's {@code LogMarker.Security}.
   */
  public static final Marker SECURITY = MarkerFactory.getMarker("SECURITY");
}

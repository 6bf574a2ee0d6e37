package io.troupe.serialization;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/** Records what one logger emits, with a logback ListAppender; close it to detach. Shared through the test-jar. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture(Class<?> loggerOf) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerOf);
    appender.start();
    logger.addAppender(appender);
  }

  /** The events so far that carry {@code marker}. */
  public List<ILoggingEvent> withMarker(Marker marker) {
    synchronized (appender.list) {
      return appender.list.stream()
          .filter(e -> e.getMarkerList() != null && e.getMarkerList().contains(marker))
          .collect(Collectors.toList());
    }
  }

  public List<ILoggingEvent> events() {
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}

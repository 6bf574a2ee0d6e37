package io.troupe.event;

/**
 * Logging with {@code {}} placeholders, as in Pekko; backed by SLF4J. The actor path goes in the MDC key
 * {@code troupeSource}.
 */
public interface LoggingAdapter {
  boolean isErrorEnabled();
  boolean isWarningEnabled();
  boolean isInfoEnabled();
  boolean isDebugEnabled();

  void error(Throwable cause, String message);
  void error(Throwable cause, String template, Object arg1);
  void error(Throwable cause, String template, Object arg1, Object arg2);
  void error(Throwable cause, String template, Object... args);
  void error(String message);
  void error(String template, Object arg1);
  void error(String template, Object arg1, Object arg2);
  void error(String template, Object... args);

  void warning(String message);
  void warning(String template, Object arg1);
  void warning(String template, Object arg1, Object arg2);
  void warning(String template, Object... args);
  void warning(Throwable cause, String message);

  void info(String message);
  void info(String template, Object arg1);
  void info(String template, Object arg1, Object arg2);
  void info(String template, Object... args);

  void debug(String message);
  void debug(String template, Object arg1);
  void debug(String template, Object arg1, Object arg2);
  void debug(String template, Object... args);

  /** Pekko's level-generic call: {@code level} is one of {@link Logging#ErrorLevel} and its siblings. */
  void log(int level, String message);
}

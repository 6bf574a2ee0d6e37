package io.troupe.event;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorSystem;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Creates {@link LoggingAdapter}s; {@code troupe.loglevel} caps what they emit, SLF4J's configuration does the rest. */
public final class Logging {
  private Logging() {}

  public static final int ErrorLevel = 1;
  public static final int WarningLevel = 2;
  public static final int InfoLevel = 3;
  public static final int DebugLevel = 4;

  /** A logger for an actor: named after its class, carrying its path. */
  public static LoggingAdapter getLogger(AbstractActor actor) {
    return new Adapter(LoggerFactory.getLogger(actor.getClass()), actor.getSelf().path().toString(),
        level(actor.getContext().getSystem()));
  }

  /** A logger for {@code source} (an object, class or string) in {@code system}. */
  public static LoggingAdapter getLogger(ActorSystem system, Object source) {
    Logger l;
    String src;
    if (source instanceof Class) {
      l = LoggerFactory.getLogger((Class<?>) source);
      src = ((Class<?>) source).getName();
    } else if (source instanceof String) {
      l = LoggerFactory.getLogger("io.troupe." + sanitize((String) source));
      src = (String) source;
    } else if (source instanceof AbstractActor) {
      return getLogger((AbstractActor) source);
    } else {
      l = LoggerFactory.getLogger(source.getClass());
      src = source.getClass().getName();
    }
    return new Adapter(l, src, level(system));
  }

  private static String sanitize(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static int level(ActorSystem system) {
    switch (system.settings().loglevel().toUpperCase(Locale.ROOT)) {
      case "OFF": return 0;
      case "ERROR": return ErrorLevel;
      case "WARNING":
      case "WARN": return WarningLevel;
      case "INFO": return InfoLevel;
      default: return DebugLevel;
    }
  }

  static final class Adapter implements LoggingAdapter {
    private final Logger log;
    private final String source;
    private final int max;

    Adapter(Logger log, String source, int max) {
      this.log = log;
      this.source = source;
      this.max = max;
    }

    private void withSource(Runnable r) {
      String prev = MDC.get("troupeSource");
      MDC.put("troupeSource", source);
      try {
        r.run();
      } finally {
        if (prev == null) MDC.remove("troupeSource");
        else MDC.put("troupeSource", prev);
      }
    }

    @Override public boolean isErrorEnabled() { return max >= ErrorLevel && log.isErrorEnabled(); }
    @Override public boolean isWarningEnabled() { return max >= WarningLevel && log.isWarnEnabled(); }
    @Override public boolean isInfoEnabled() { return max >= InfoLevel && log.isInfoEnabled(); }
    @Override public boolean isDebugEnabled() { return max >= DebugLevel && log.isDebugEnabled(); }

    @Override public void error(Throwable cause, String message) { if (isErrorEnabled()) withSource(() -> log.error(message, cause)); }
    @Override public void error(Throwable cause, String t, Object a) { if (isErrorEnabled()) withSource(() -> log.error(t, a, cause)); }
    @Override public void error(Throwable cause, String t, Object a, Object b) { if (isErrorEnabled()) withSource(() -> log.error(t, a, b, cause)); }

    @Override
    public void error(Throwable cause, String t, Object... args) {
      if (!isErrorEnabled()) return;
      Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
      all[args.length] = cause;
      withSource(() -> log.error(t, all));
    }

    @Override public void error(String message) { if (isErrorEnabled()) withSource(() -> log.error(message)); }
    @Override public void error(String t, Object a) { if (isErrorEnabled()) withSource(() -> log.error(t, a)); }
    @Override public void error(String t, Object a, Object b) { if (isErrorEnabled()) withSource(() -> log.error(t, a, b)); }
    @Override public void error(String t, Object... args) { if (isErrorEnabled()) withSource(() -> log.error(t, args)); }
    @Override public void warning(String message) { if (isWarningEnabled()) withSource(() -> log.warn(message)); }
    @Override public void warning(String t, Object a) { if (isWarningEnabled()) withSource(() -> log.warn(t, a)); }
    @Override public void warning(String t, Object a, Object b) { if (isWarningEnabled()) withSource(() -> log.warn(t, a, b)); }
    @Override public void warning(String t, Object... args) { if (isWarningEnabled()) withSource(() -> log.warn(t, args)); }
    @Override public void warning(Throwable cause, String message) { if (isWarningEnabled()) withSource(() -> log.warn(message, cause)); }
    @Override public void info(String message) { if (isInfoEnabled()) withSource(() -> log.info(message)); }
    @Override public void info(String t, Object a) { if (isInfoEnabled()) withSource(() -> log.info(t, a)); }
    @Override public void info(String t, Object a, Object b) { if (isInfoEnabled()) withSource(() -> log.info(t, a, b)); }
    @Override public void info(String t, Object... args) { if (isInfoEnabled()) withSource(() -> log.info(t, args)); }
    @Override public void debug(String message) { if (isDebugEnabled()) withSource(() -> log.debug(message)); }
    @Override public void debug(String t, Object a) { if (isDebugEnabled()) withSource(() -> log.debug(t, a)); }
    @Override public void debug(String t, Object a, Object b) { if (isDebugEnabled()) withSource(() -> log.debug(t, a, b)); }
    @Override public void debug(String t, Object... args) { if (isDebugEnabled()) withSource(() -> log.debug(t, args)); }

    @Override
    public void log(int level, String message) {
      switch (level) {
        case ErrorLevel: error(message); break;
        case WarningLevel: warning(message); break;
        case InfoLevel: info(message); break;
        default: debug(message);
      }
    }
  }
}

package io.troupe.actor;

import io.troupe.actor.internal.InternalActorRef;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.japi.pf.PartialFunction;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to a child that failed: resume it, restart it, stop it, or escalate the failure to this actor's
 * own supervisor. {@link OneForOneStrategy} applies the decision to the failed child, {@link AllForOneStrategy} to all.
 */
public abstract class SupervisorStrategy {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisorStrategy.class);

  /** What to do with a failed child. */
  public enum Directive {
    /** Keep the actor and its state; go on with the next message. */
    RESUME,
    /** Replace the actor instance with a fresh one; the mailbox and the ref stay. */
    RESTART,
    /** Stop the actor for good. */
    STOP,
    /** Fail this actor (the supervisor) with the same exception, handing the decision upwards. */
    ESCALATE
  }

  public static Directive resume() { return Directive.RESUME; }
  public static Directive restart() { return Directive.RESTART; }
  public static Directive stop() { return Directive.STOP; }
  public static Directive escalate() { return Directive.ESCALATE; }

  /**
   * Pekko's default decider: {@link ActorInitializationException}, {@link ActorKilledException} and
   * {@link DeathPactException} stop the child, any other {@link Exception} restarts it, other throwables escalate.
   */
  public static final PartialFunction<Throwable, Directive> defaultDecider = DeciderBuilder
      .match(ActorInitializationException.class, e -> Directive.STOP)
      .match(ActorKilledException.class, e -> Directive.STOP)
      .match(DeathPactException.class, e -> Directive.STOP)
      .match(Exception.class, e -> Directive.RESTART)
      .matchAny(e -> Directive.ESCALATE)
      .build();

  /** One-for-one with {@link #defaultDecider} and no restart limit. */
  public static final SupervisorStrategy defaultStrategy = new OneForOneStrategy(defaultDecider);

  /** One-for-one that stops the failed child on any exception. */
  public static final SupervisorStrategy stoppingStrategy = new OneForOneStrategy(
      DeciderBuilder.match(Exception.class, e -> Directive.STOP).matchAny(e -> Directive.ESCALATE).build());

  public static SupervisorStrategy defaultStrategy() { return defaultStrategy; }
  public static SupervisorStrategy stoppingStrategy() { return stoppingStrategy; }
  public static PartialFunction<Throwable, Directive> defaultDecider() { return defaultDecider; }

  final int maxNrOfRetries;
  final long withinTimeRangeMillis;
  final PartialFunction<Throwable, Directive> decider;
  final boolean loggingEnabled;

  SupervisorStrategy(int maxNrOfRetries, Duration withinTimeRange, PartialFunction<Throwable, Directive> decider, boolean loggingEnabled) {
    this.maxNrOfRetries = maxNrOfRetries;
    this.withinTimeRangeMillis = withinTimeRange == null || withinTimeRange.isNegative() || withinTimeRange.isZero()
        || withinTimeRange.getSeconds() > Long.MAX_VALUE / 1000 / 2 ? -1 : withinTimeRange.toMillis();
    this.decider = java.util.Objects.requireNonNull(decider, "decider");
    this.loggingEnabled = loggingEnabled;
  }

  public PartialFunction<Throwable, Directive> decider() { return decider; }

  public int maxNrOfRetries() { return maxNrOfRetries; }

  public boolean loggingEnabled() { return loggingEnabled; }

  /** Called when a child has terminated; a hook for strategies that keep state about children. */
  public void handleChildTerminated(ActorContext context, ActorRef child, Iterable<ActorRef> children) {}

  /**
   * Applies the decision for a failed child.
   *
   * @param restart true to restart, false to stop
   */
  public abstract void processFailure(ActorContext context, boolean restart, ActorRef child, Throwable cause,
                                      ChildRestartStats stats, List<ChildRestartStats> children);

  /**
   * Called on the supervisor's thread for a failure of one of its children. Returns false when the failure must be
   * escalated (the supervisor then fails with the same cause).
   */
  public boolean handleFailure(ActorContext context, ActorRef child, Throwable cause, ChildRestartStats stats,
                               List<ChildRestartStats> children) {
    Directive directive = decider.isDefinedAt(cause) ? decider.apply(cause) : Directive.ESCALATE;
    switch (directive) {
      case RESUME:
        logFailure(context, child, cause, directive);
        resumeChild(child, cause);
        return true;
      case RESTART:
        logFailure(context, child, cause, directive);
        processFailure(context, true, child, cause, stats, children);
        return true;
      case STOP:
        logFailure(context, child, cause, directive);
        processFailure(context, false, child, cause, stats, children);
        return true;
      default:
        return false;
    }
  }

  /** Logs a handled failure: ERROR for restart and stop, WARN for resume; escalations are logged where they end. */
  public void logFailure(ActorContext context, ActorRef child, Throwable cause, Directive decision) {
    if (!loggingEnabled) return;
    String msg = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    if (decision == Directive.RESUME) {
      LOG.warn("[{}] {} (child resumed)", child.path(), msg);
    } else if (decision != Directive.ESCALATE) {
      if (cause instanceof ActorKilledException || cause instanceof DeathPactException) {
        LOG.debug("[{}] {} (child {})", child.path(), msg, decision == Directive.STOP ? "stopped" : "restarted");
      } else {
        LOG.error("[{}] {} (child {})", child.path(), msg, decision == Directive.STOP ? "stopped" : "restarted", cause);
      }
    }
  }

  protected final void resumeChild(ActorRef child, Throwable cause) {
    ((InternalActorRef) child).resume(cause);
  }

  protected final void restartChild(ActorRef child, Throwable cause, boolean suspendFirst) {
    InternalActorRef c = (InternalActorRef) child;
    if (suspendFirst) c.suspend();
    c.restart(cause);
  }

  /** The restart budget check shared by both strategies. */
  protected final boolean requestRestartPermission(ChildRestartStats stats) {
    return stats.requestRestartPermission(maxNrOfRetries, withinTimeRangeMillis);
  }
}

package io.troupe.actor;

import io.troupe.japi.function.Function;
import io.troupe.japi.pf.PartialFunction;
import java.time.Duration;
import java.util.List;

/**
 * Applies a restart or stop decision to all children of the supervisor, not only the failed one; resume applies to the
 * failed child only. The restart budget is checked for every child.
 */
public class AllForOneStrategy extends SupervisorStrategy {

  public AllForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, PartialFunction<Throwable, Directive> decider, boolean loggingEnabled) {
    super(maxNrOfRetries, withinTimeRange, decider, loggingEnabled);
  }

  public AllForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, PartialFunction<Throwable, Directive> decider) {
    this(maxNrOfRetries, withinTimeRange, decider, true);
  }

  public AllForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, Function<Throwable, Directive> decider) {
    this(maxNrOfRetries, withinTimeRange, Strategies.total(decider), true);
  }

  public AllForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, Function<Throwable, Directive> decider, boolean loggingEnabled) {
    this(maxNrOfRetries, withinTimeRange, Strategies.total(decider), loggingEnabled);
  }

  public AllForOneStrategy(boolean loggingEnabled, PartialFunction<Throwable, Directive> decider) {
    this(-1, null, decider, loggingEnabled);
  }

  public AllForOneStrategy(PartialFunction<Throwable, Directive> decider) {
    this(-1, null, decider, true);
  }

  @Override
  public void processFailure(ActorContext context, boolean restart, ActorRef child, Throwable cause,
                             ChildRestartStats stats, List<ChildRestartStats> children) {
    if (children.isEmpty()) return;
    boolean allowed = restart;
    if (restart) {
      for (ChildRestartStats s : children) {
        if (!requestRestartPermission(s)) allowed = false;
      }
    }
    if (allowed) {
      for (ChildRestartStats s : children) restartChild(s.child(), cause, !s.child().equals(child));
    } else {
      for (ChildRestartStats s : children) context.stop(s.child());
    }
  }
}

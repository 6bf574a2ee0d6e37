package io.troupe.actor;

import io.troupe.japi.function.Function;
import io.troupe.japi.pf.PartialFunction;
import java.time.Duration;
import java.util.List;

/**
 * Applies the decision to the failed child only. A restart budget ({@code maxNrOfRetries} within
 * {@code withinTimeRange}; -1 and {@code null}/zero mean unlimited) turns a restart into a stop once it is spent.
 */
public class OneForOneStrategy extends SupervisorStrategy {

  public OneForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, PartialFunction<Throwable, Directive> decider, boolean loggingEnabled) {
    super(maxNrOfRetries, withinTimeRange, decider, loggingEnabled);
  }

  public OneForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, PartialFunction<Throwable, Directive> decider) {
    this(maxNrOfRetries, withinTimeRange, decider, true);
  }

  public OneForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, Function<Throwable, Directive> decider) {
    this(maxNrOfRetries, withinTimeRange, Strategies.total(decider), true);
  }

  public OneForOneStrategy(int maxNrOfRetries, Duration withinTimeRange, Function<Throwable, Directive> decider, boolean loggingEnabled) {
    this(maxNrOfRetries, withinTimeRange, Strategies.total(decider), loggingEnabled);
  }

  public OneForOneStrategy(boolean loggingEnabled, PartialFunction<Throwable, Directive> decider) {
    this(-1, null, decider, loggingEnabled);
  }

  public OneForOneStrategy(PartialFunction<Throwable, Directive> decider) {
    this(-1, null, decider, true);
  }

  @Override
  public void processFailure(ActorContext context, boolean restart, ActorRef child, Throwable cause,
                             ChildRestartStats stats, List<ChildRestartStats> children) {
    if (restart && requestRestartPermission(stats)) restartChild(child, cause, false);
    else context.stop(child);
  }
}

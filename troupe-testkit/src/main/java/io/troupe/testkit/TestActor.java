package io.troupe.testkit;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ChildRestartStats;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;

/**
 * The actor behind a {@link io.troupe.testkit.javadsl.TestKit}: queues every message it receives, with its sender, for
 * the test thread; watches and unwatches on the test's behalf.
 */
public final class TestActor extends AbstractActor {
  /** A received message and its sender. */
  public record Message(Object msg, ActorRef sender) {}

  /** Commands the test thread sends to its test actor; not queued. */
  public record Watch(ActorRef ref) {}

  public record Unwatch(ActorRef ref) {}

  /** Creates a child of the test actor, replying with its ref. */
  public record Spawn(Props props, String name, SupervisorStrategy strategy) {}

  private final BlockingDeque<Message> queue;
  private final DelegatingStrategy childStrategies = new DelegatingStrategy();

  public TestActor(BlockingDeque<Message> queue) {
    this.queue = queue;
  }

  @Override
  public SupervisorStrategy supervisorStrategy() { return childStrategies; }

  /**
   * Supervises each child with the strategy it was spawned with, and the others with the default strategy, as
   * Pekko's TestActor does: a strategy given to one {@code childActorOf} call never applies to another child. Used on
   * the test actor's thread only.
   */
  static final class DelegatingStrategy extends OneForOneStrategy {
    private final Map<ActorRef, SupervisorStrategy> delegates = new HashMap<>();

    DelegatingStrategy() {
      super(SupervisorStrategy.defaultDecider());
    }

    void put(ActorRef child, SupervisorStrategy strategy) { delegates.put(child, strategy); }

    private SupervisorStrategy delegate(ActorRef child) {
      return delegates.getOrDefault(child, SupervisorStrategy.defaultStrategy());
    }

    @Override
    public boolean handleFailure(io.troupe.actor.ActorContext context, ActorRef child, Throwable cause, ChildRestartStats stats,
                                 List<ChildRestartStats> children) {
      return delegate(child).handleFailure(context, child, cause, stats, children);
    }

    @Override
    public void processFailure(io.troupe.actor.ActorContext context, boolean restart, ActorRef child, Throwable cause,
                               ChildRestartStats stats, List<ChildRestartStats> children) {
      delegate(child).processFailure(context, restart, child, cause, stats, children);
    }

    @Override
    public void handleChildTerminated(io.troupe.actor.ActorContext context, ActorRef child, Iterable<ActorRef> children) {
      SupervisorStrategy d = delegates.remove(child);
      (d != null ? d : SupervisorStrategy.defaultStrategy()).handleChildTerminated(context, child, children);
    }
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Watch.class, w -> getContext().watch(w.ref()))
        .match(Unwatch.class, w -> getContext().unwatch(w.ref()))
        .match(Spawn.class, s -> {
          ActorRef child = s.name() == null ? getContext().actorOf(s.props()) : getContext().actorOf(s.props(), s.name());
          if (s.strategy() != null) childStrategies.put(child, s.strategy());
          getSender().tell(child, getSelf());
        })
        .matchAny(m -> queue.offerLast(new Message(m, getSender())))
        .build();
  }
}

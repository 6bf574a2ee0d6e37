package io.troupe.testkit;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
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
  private SupervisorStrategy childStrategy = SupervisorStrategy.defaultStrategy();

  public TestActor(BlockingDeque<Message> queue) {
    this.queue = queue;
  }

  @Override
  public SupervisorStrategy supervisorStrategy() { return childStrategy; }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Watch.class, w -> getContext().watch(w.ref()))
        .match(Unwatch.class, w -> getContext().unwatch(w.ref()))
        .match(Spawn.class, s -> {
          if (s.strategy() != null) childStrategy = s.strategy();
          ActorRef child = s.name() == null ? getContext().actorOf(s.props()) : getContext().actorOf(s.props(), s.name());
          getSender().tell(child, getSelf());
        })
        .matchAny(m -> queue.offerLast(new Message(m, getSender())))
        .build();
  }
}

package io.troupe.examples;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.AbstractLoggingActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.pattern.Patterns;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The local demo: a counter supervised by a parent, asked for its count, failing and being resumed, then stopped while
 * the parent watches. Run with {@code ./troupe demo-local}.
 */
public final class LocalDemo {
  private LocalDemo() {}

  /** Counts "inc" messages, answers "get", fails on "boom". */
  public static final class Counter extends AbstractLoggingActor {
    private int count;

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("inc", m -> count++)
          .matchEquals("get", m -> getSender().tell(count, getSelf()))
          .matchEquals("boom", m -> {
            throw new ArithmeticException("boom at count " + count);
          })
          .build();
    }
  }

  /** Creates the counter, resumes it on ArithmeticException, reports its death. */
  public static final class Parent extends AbstractActor {
    private final CountDownLatch stopped;
    private ActorRef counter;

    public Parent(CountDownLatch stopped) { this.stopped = stopped; }

    @Override
    public SupervisorStrategy supervisorStrategy() {
      return new OneForOneStrategy(10, Duration.ofMinutes(1),
          DeciderBuilder.match(ArithmeticException.class, e -> SupervisorStrategy.resume()).build());
    }

    @Override
    public void preStart() {
      counter = getContext().actorOf(Props.create(Counter.class), "counter");
      getContext().watch(counter);
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Terminated.class, t -> {
            System.out.println("parent saw " + t.getActor().path().name() + " stop");
            stopped.countDown();
          })
          .matchAny(m -> counter.forward(m, getContext()))
          .build();
    }
  }

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create("demo");
    try {
      CountDownLatch stopped = new CountDownLatch(1);
      ActorRef parent = system.actorOf(Props.create(Parent.class, stopped), "parent");
      for (int i = 0; i < 1000; i++) parent.tell("inc", ActorRef.noSender());
      System.out.println("count after 1000 increments: " + ask(parent, "get"));
      parent.tell("boom", ActorRef.noSender()); // resumed by the parent: state kept
      System.out.println("count after a resumed failure: " + ask(parent, "get"));
      ActorRef counter = system.actorSelection("/user/parent/counter").resolveOne(Duration.ofSeconds(3))
          .toCompletableFuture().get(3, TimeUnit.SECONDS);
      System.out.println("resolved " + counter.path() + " by actorSelection");
      system.stop(counter);
      if (!stopped.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("no Terminated within 5 s");
    } finally {
      system.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
      System.out.println("system terminated");
    }
  }

  private static Object ask(ActorRef ref, Object msg) throws Exception {
    return Patterns.ask(ref, msg, Duration.ofSeconds(3)).toCompletableFuture().get(3, TimeUnit.SECONDS);
  }
}

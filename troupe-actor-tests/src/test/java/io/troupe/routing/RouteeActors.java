package io.troupe.routing;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Routee actors and helpers shared by the routing tests. */
final class RouteeActors {
  private RouteeActors() {}

  /** What a routee reports for every message it handles. */
  record Handled(ActorRef routee, Object message) {}

  /** A routee's report that it was restarted. */
  record Restarted(ActorRef routee, String cause) {}

  /** Reports every message to {@code probe} as {@link Handled}. */
  public static class Reporter extends AbstractActor {
    private final ActorRef probe;

    public Reporter(ActorRef probe) { this.probe = probe; }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> probe.tell(new Handled(getSelf(), m), getSelf())).build();
    }
  }

  /**
   * Reports like {@link Reporter}; on "block" it reports and then waits on {@code latch} (at most 20 seconds, so a
   * failed test cannot hang the system).
   */
  public static class Blocker extends AbstractActor {
    private final ActorRef probe;
    private final CountDownLatch latch;

    public Blocker(ActorRef probe, CountDownLatch latch) {
      this.probe = probe;
      this.latch = latch;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("block", m -> {
            probe.tell(new Handled(getSelf(), m), getSelf());
            latch.await(20, TimeUnit.SECONDS);
          })
          .matchAny(m -> probe.tell(new Handled(getSelf(), m), getSelf()))
          .build();
    }
  }

  /**
   * Counts the messages it handled; "count" is answered with the count, "fail" throws {@code IllegalStateException}
   * ("boom"). A restart is reported to {@code probe} as {@link Restarted}.
   */
  public static class Counter extends AbstractActor {
    private final ActorRef probe;
    private int count;

    public Counter(ActorRef probe) { this.probe = probe; }

    @Override
    public void postRestart(Throwable reason) {
      probe.tell(new Restarted(getSelf(), reason.getMessage()), getSelf());
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("fail", m -> {
            throw new IllegalStateException("boom");
          })
          .matchEquals("count", m -> getSender().tell(count, getSelf()))
          .matchAny(m -> {
            count++;
            probe.tell(new Handled(getSelf(), m), getSelf());
          })
          .build();
    }
  }

  /** Fails in its constructor. */
  public static class FailsToStart extends AbstractActor {
    public FailsToStart() { throw new IllegalStateException("cannot start"); }

    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  /** The routee refs of {@code router}, in routing order (via {@link GetRoutees}). */
  static List<ActorRef> routeesOf(TestKit probe, ActorRef router) {
    probe.send(router, GetRoutees.getInstance());
    Routees routees = probe.expectMsgClass(Routees.class);
    List<ActorRef> refs = new ArrayList<>();
    for (Routee r : routees.getRoutees()) refs.add(((ActorRefRoutee) r).getRef());
    return refs;
  }

  /** Receives {@code n} {@link Handled} reports, failing on anything else. */
  static List<Handled> receiveHandled(TestKit probe, int n) {
    List<Handled> out = new ArrayList<>();
    for (Object o : probe.receiveN(n, Duration.ofSeconds(5))) {
      if (!(o instanceof Handled)) throw new AssertionError("expected a Handled report, got " + o);
      out.add((Handled) o);
    }
    return out;
  }
}

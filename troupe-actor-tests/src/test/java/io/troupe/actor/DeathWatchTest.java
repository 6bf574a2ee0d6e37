package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Death watch: Terminated exactly once, for dead and never-living actors, unwatch, DeathPact, watchWith. */
class DeathWatchTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("DeathWatchTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  static class Idle extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().matchEquals("ping", m -> getSender().tell("pong", getSelf())).build();
    }
  }

  record Watch(ActorRef target) {}
  record WatchWith(ActorRef target, Object msg) {}
  record Unwatch(ActorRef target) {}
  /** Blocks until the latch opens, then (when {@code unwatch} is set) unwatches, all in one message. */
  record BlockThenUnwatch(CountDownLatch latch, ActorRef target) {}
  record Block(CountDownLatch latch) {}
  /**
   * A Terminated as reported by a watcher actor: a Terminated itself cannot be forwarded, since the receiving actor
   * drops a Terminated for an actor it does not watch (as in Pekko).
   */
  record Died(Terminated terminated) {
    ActorRef actor() { return terminated.getActor(); }
  }

  /**
   * Watches on command and reports what death watch delivers (a Terminated as {@link Died}, or a watchWith message) to
   * {@code report}. "sync" answers "synced" only after one more round through its own mailbox, so anything death
   * watch had queued by the time "sync" arrived is reported first.
   */
  static class Watcher extends AbstractActor {
    private final ActorRef report;

    Watcher(ActorRef report) { this.report = report; }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(Watch.class, w -> {
            getContext().watch(w.target());
            getSender().tell("watching", getSelf());
          })
          .match(WatchWith.class, w -> {
            getContext().watchWith(w.target(), w.msg());
            getSender().tell("watching", getSelf());
          })
          .match(Unwatch.class, u -> {
            getContext().unwatch(u.target());
            getSender().tell("unwatched", getSelf());
          })
          .match(Block.class, b -> {
            getSender().tell("blocking", getSelf());
            await(b.latch());
          })
          .match(BlockThenUnwatch.class, b -> {
            getSender().tell("blocking", getSelf());
            await(b.latch());
            getContext().unwatch(b.target());
          })
          .matchEquals("sync", m -> getSelf().tell("sync-2", getSender()))
          .matchEquals("sync-2", m -> getSender().tell("synced", getSelf()))
          .match(Terminated.class, t -> {
            if (!getSender().equals(t.getActor())) throw new IllegalStateException("Terminated sent by " + getSender());
            report.tell(new Died(t), getSelf());
          })
          .match(String.class, s -> report.tell(s, getSelf()))
          .build();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
      if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("latch never opened");
    }
  }

  private static ActorRef watcher(TestKit probe, TestKit report) {
    return system.actorOf(Props.create(Watcher.class, report.getRef()));
  }

  private static void command(TestKit probe, ActorRef watcher, Object cmd, String reply) {
    probe.send(watcher, cmd);
    probe.expectMsg(reply);
  }

  private static void sync(TestKit probe, ActorRef watcher) {
    probe.send(watcher, "sync");
    probe.expectMsg("synced");
  }

  // ------------------------------------------------------------------ exactly once

  @Test
  void shouldDeliverOneTerminatedWhenWatchedActorStops() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    probe.watch(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    Terminated t = probe.expectTerminated(a);
    assertTrue(t.getExistenceConfirmed());
    assertFalse(t.getAddressTerminated());
    probe.expectNoMessage();
  }

  @Test
  void shouldDeliverOneTerminatedWhenWatchedTwice() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    ActorRef w = watcher(probe, report);
    command(probe, w, new Watch(a), "watching");
    command(probe, w, new Watch(a), "watching");
    probe.watch(a);
    probe.watch(a);
    system.stop(a);
    probe.expectTerminated(a);
    assertEquals(a, report.expectMsgClass(Died.class).actor());
    sync(probe, w);
    probe.expectNoMessage();
    report.expectNoMessage();
  }

  @Test
  void shouldDeliverOneTerminatedWhenWatchedAgainAfterUnwatch() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    ActorRef w = watcher(probe, report);
    command(probe, w, new Watch(a), "watching");
    command(probe, w, new Unwatch(a), "unwatched");
    command(probe, w, new Watch(a), "watching");
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    assertEquals(a, report.expectMsgClass(Died.class).actor());
    sync(probe, w);
    report.expectNoMessage();
  }

  // ------------------------------------------------------------------ dead or never alive

  @Test
  void shouldDeliverTerminatedWithoutConfirmedExistenceWhenWatchingDeadActor() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    probe.watch(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    probe.expectTerminated(a);

    TestKit late = new TestKit(system);
    late.watch(a);
    Terminated t = late.expectTerminated(a);
    assertFalse(t.getExistenceConfirmed());
    late.expectNoMessage();
  }

  @Test
  void shouldDeliverWatchWithMessageWhenWatchingDeadActor() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    probe.watch(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    probe.expectTerminated(a);
    ActorRef w = watcher(probe, report);
    command(probe, w, new WatchWith(a, "already gone"), "watching");
    report.expectMsg("already gone");
    sync(probe, w);
    report.expectNoMessage();
  }

  @Test
  void shouldDeliverTerminatedWhenWatchingPathWhereNothingLives() {
    TestKit probe = new TestKit(system);
    ActorRef nobody = ((ExtendedActorSystem) system).provider().resolveActorRef("troupe://DeathWatchTest/user/nobody-lives-here");
    assertEquals("/user/nobody-lives-here", nobody.path().toStringWithoutAddress());
    probe.watch(nobody);
    Terminated t = probe.expectTerminated(nobody);
    assertFalse(t.getExistenceConfirmed());
    probe.expectNoMessage();
  }

  @Test
  void shouldDeliverTerminatedWhenWatchingDeadLetters() {
    TestKit probe = new TestKit(system);
    probe.watch(system.deadLetters());
    Terminated t = probe.expectTerminated(system.deadLetters());
    assertFalse(t.getExistenceConfirmed());
    probe.expectNoMessage();
  }

  @Test
  void shouldDeliverTerminatedWhenWatchingRefOfForeignSystem() {
    TestKit probe = new TestKit(system);
    ActorRef foreign = ((ExtendedActorSystem) system).provider().resolveActorRef("troupe://OtherSystem@host:25520/user/a");
    probe.watch(foreign);
    probe.expectMsgClass(Terminated.class);
    probe.expectNoMessage();
  }

  // ------------------------------------------------------------------ unwatch

  @Test
  void shouldNotDeliverTerminatedWhenUnwatchedBeforeTermination() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    TestKit other = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    ActorRef w = watcher(probe, report);
    command(probe, w, new Watch(a), "watching");
    probe.watch(a);
    probe.unwatch(a);
    command(probe, w, new Unwatch(a), "unwatched");
    other.watch(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    other.expectTerminated(a);
    sync(probe, w);
    report.expectNoMessage();
    probe.expectNoMessage();
  }

  @Test
  void shouldDropTerminatedWhenUnwatchedInTheMessageDuringWhichTheWatchedActorDied() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    TestKit second = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    ActorRef w = watcher(probe, report);
    command(probe, w, new Watch(a), "watching");
    CountDownLatch dead = new CountDownLatch(1);
    command(probe, w, new BlockThenUnwatch(dead, a), "blocking");
    // while w is blocked, a dies; its death notification waits in w's system queue
    second.watch(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    second.expectTerminated(a);
    dead.countDown(); // w now unwatches a before it processes the notification
    sync(probe, w);
    report.expectNoMessage();
  }

  @Test
  void shouldDropAlreadyQueuedTerminatedWhenUnwatched() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    TestKit second = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    ActorRef w = watcher(probe, report);
    command(probe, w, new Watch(a), "watching");
    CountDownLatch dead = new CountDownLatch(1);
    command(probe, w, new Block(dead), "blocking");
    // queued behind the blocking message, before the Terminated that the notification will produce
    w.tell(new Unwatch(a), probe.getRef());
    second.watch(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    second.expectTerminated(a);
    // w's death notification for a is pending; after the blocking message it becomes a queued Terminated,
    // behind the Unwatch, which must then drop it
    dead.countDown();
    probe.expectMsg("unwatched");
    sync(probe, w);
    report.expectNoMessage();
  }

  // ------------------------------------------------------------------ DeathPact and watchWith

  /** Watches on command but does not handle Terminated. */
  static class CarelessWatcher extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().match(ActorRef.class, r -> {
        getContext().watch(r);
        getSender().tell("watching", getSelf());
      }).build();
    }
  }

  /** Creates children on request; reports every failure before applying Pekko's default decider. */
  static class ReportingSupervisor extends AbstractActor {
    private final ActorRef report;

    ReportingSupervisor(ActorRef report) { this.report = report; }

    @Override public SupervisorStrategy supervisorStrategy() {
      return new OneForOneStrategy(false, DeciderBuilder.matchAny(t -> {
        report.tell(t, getSelf());
        return SupervisorStrategy.defaultDecider().apply(t);
      }).build());
    }

    @Override public Receive createReceive() {
      return receiveBuilder().match(Props.class, p -> getSender().tell(getContext().actorOf(p), getSelf())).build();
    }
  }

  @Test
  void shouldStopWatcherWithDeathPactExceptionWhenTerminatedIsUnhandled() {
    TestKit probe = new TestKit(system);
    TestKit reports = new TestKit(system);
    TestKit unhandled = new TestKit(system);
    system.getEventStream().subscribe(unhandled.getRef(), UnhandledMessage.class);
    try {
      ActorRef sup = system.actorOf(Props.create(ReportingSupervisor.class, reports.getRef()));
      probe.send(sup, Props.create(CarelessWatcher.class));
      ActorRef careless = probe.expectMsgClass(ActorRef.class);
      ActorRef a = system.actorOf(Props.create(Idle.class));
      command(probe, careless, a, "watching");
      probe.watch(careless);
      a.tell(PoisonPill.getInstance(), ActorRef.noSender());
      DeathPactException e = reports.expectMsgClass(DeathPactException.class);
      assertEquals(a, e.getDeadActor());
      probe.expectTerminated(careless);
      // an unhandled Terminated is a DeathPact, not an UnhandledMessage
      for (Object o : unhandled.receiveWhile(Duration.ofMillis(200), o -> o)) {
        assertFalse(((UnhandledMessage) o).getRecipient().equals(careless), String.valueOf(o));
      }
    } finally {
      system.getEventStream().unsubscribe(unhandled.getRef());
    }
  }

  @Test
  void shouldStopTopLevelWatcherWhenTerminatedIsUnhandled() {
    TestKit probe = new TestKit(system);
    ActorRef careless = system.actorOf(Props.create(CarelessWatcher.class));
    ActorRef a = system.actorOf(Props.create(Idle.class));
    command(probe, careless, a, "watching");
    probe.watch(careless);
    system.stop(a);
    probe.expectTerminated(careless);
  }

  @Test
  void shouldDeliverCustomMessageInsteadOfTerminatedWhenWatchedWith() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    ActorRef w = watcher(probe, report);
    command(probe, w, new WatchWith(a, "a died"), "watching");
    system.stop(a);
    report.expectMsg("a died");
    sync(probe, w);
    report.expectNoMessage();
  }

  /** Calls watchWith then watch with another message in one go and reports what happened. */
  static class Rewatcher extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().match(ActorRef.class, r -> {
        getContext().watchWith(r, "first");
        try {
          getContext().watch(r);
          getSender().tell("overwritten", getSelf());
        } catch (IllegalStateException e) {
          getSender().tell(e, getSelf());
        }
      }).build();
    }
  }

  @Test
  void shouldRefuseToChangeMessageWhenWatchedAgainWithAnotherMessage() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    probe.send(system.actorOf(Props.create(Rewatcher.class)), a);
    IllegalStateException e = probe.expectMsgClass(IllegalStateException.class);
    assertTrue(e.getMessage().contains("first"), e.getMessage());
  }

  /** Watches on command like {@link Watcher}; "fail" makes it throw (the /user guardian restarts it). */
  static class RestartableWatcher extends AbstractActor {
    private final ActorRef report;

    RestartableWatcher(ActorRef report) { this.report = report; }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(Watch.class, w -> {
            getContext().watch(w.target());
            getSender().tell("watching", getSelf());
          })
          .matchEquals("fail", m -> {
            throw new IllegalStateException("restart the watcher (expected by the test)");
          })
          .matchEquals("ping", m -> getSender().tell("pong", getSelf()))
          .match(Terminated.class, t -> report.tell(new Died(t), getSelf()))
          .build();
    }
  }

  @Test
  void shouldKeepWatchingWhenWatcherRestarts() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Idle.class));
    ActorRef w = system.actorOf(Props.create(RestartableWatcher.class, report.getRef()));
    command(probe, w, new Watch(a), "watching");
    probe.watch(w);
    w.tell("fail", ActorRef.noSender());
    command(probe, w, "ping", "pong");
    system.stop(a);
    assertEquals(a, report.expectMsgClass(Died.class).actor());
    probe.expectNoMessage(); // the watcher was restarted, not stopped
  }

  // ------------------------------------------------------------------ parent and child

  /** Creates a watched child and stops it on request; forwards the Terminated and its children at that time. */
  static class WatchingParent extends AbstractActor {
    private final ActorRef report;
    private ActorRef child;

    WatchingParent(ActorRef report) { this.report = report; }

    @Override public void preStart() {
      child = getContext().watch(getContext().actorOf(Props.create(Idle.class), "child"));
    }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("child", m -> getSender().tell(child, getSelf()))
          .matchEquals("stop-child", m -> getContext().stop(child))
          .matchEquals("sync", m -> getSelf().tell("sync-2", getSender()))
          .matchEquals("sync-2", m -> getSender().tell("synced", getSelf()))
          .match(Terminated.class, t -> {
            report.tell(new Died(t), getSelf());
            report.tell(new ArrayList<>(getContext().getChildren()), getSelf());
          })
          .build();
    }
  }

  @Test
  void shouldDeliverOneTerminatedWhenParentWatchesStoppedChild() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    ActorRef parent = system.actorOf(Props.create(WatchingParent.class, report.getRef()));
    probe.send(parent, "child");
    ActorRef child = probe.expectMsgClass(ActorRef.class);
    probe.send(parent, "stop-child");
    assertEquals(child, report.expectMsgClass(Died.class).actor());
    assertEquals(List.of(), report.expectMsgClass(List.class));
    probe.send(parent, "sync");
    probe.expectMsg("synced");
    report.expectNoMessage();
  }

  @Test
  void shouldDeliverOneTerminatedWhenWatchedChildStopsItself() {
    TestKit probe = new TestKit(system);
    TestKit report = new TestKit(system);
    ActorRef parent = system.actorOf(Props.create(WatchingParent.class, report.getRef()));
    probe.send(parent, "child");
    ActorRef child = probe.expectMsgClass(ActorRef.class);
    child.tell(PoisonPill.getInstance(), ActorRef.noSender());
    assertEquals(child, report.expectMsgClass(Died.class).actor());
    report.expectMsgClass(List.class);
    probe.send(parent, "sync");
    probe.expectMsg("synced");
    report.expectNoMessage();
  }
}

package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lifecycle hooks, stopping (PoisonPill, Kill, stop), children stopping first, dead letters, actor names. */
class LifecycleTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("LifecycleTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  // ------------------------------------------------------------------ hooks

  record Hook(String name, int incarnation, Throwable cause, Optional<Object> message) {
    static Hook of(String name, int incarnation) { return new Hook(name, incarnation, null, Optional.empty()); }
  }

  /** Reports every hook, then runs the default implementation. */
  static class Hooks extends AbstractActor {
    private final ActorRef report;
    private final int incarnation;

    Hooks(ActorRef report, int incarnation) {
      this.report = report;
      this.incarnation = incarnation;
    }

    @Override public void preStart() { report.tell(Hook.of("preStart", incarnation), getSelf()); }

    @Override public void postStop() { report.tell(Hook.of("postStop", incarnation), getSelf()); }

    @Override public void preRestart(Throwable reason, Optional<Object> message) throws Exception {
      report.tell(new Hook("preRestart", incarnation, reason, message), getSelf());
      super.preRestart(reason, message);
    }

    @Override public void postRestart(Throwable reason) throws Exception {
      report.tell(new Hook("postRestart", incarnation, reason, Optional.empty()), getSelf());
      super.postRestart(reason);
    }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(RuntimeException.class, e -> {
            throw e;
          })
          .matchAny(m -> getSender().tell(m, getSelf()))
          .build();
    }
  }

  private static Hook expectHook(TestKit probe, String name, int incarnation) {
    Hook h = probe.expectMsgClass(Hook.class);
    assertEquals(name + "@" + incarnation, h.name() + "@" + h.incarnation(), "hook order");
    return h;
  }

  @Test
  void shouldCallHooksInOrderWhenStartedRestartedAndStopped() {
    TestKit probe = new TestKit(system);
    AtomicInteger incarnations = new AtomicInteger();
    ActorRef a = system.actorOf(Props.create(Hooks.class, () -> new Hooks(probe.getRef(), incarnations.incrementAndGet())));
    expectHook(probe, "preStart", 1);

    IllegalStateException failure = new IllegalStateException("restart me (expected by the test)");
    a.tell(failure, ActorRef.noSender());
    Hook preRestart = expectHook(probe, "preRestart", 1);
    assertSame(failure, preRestart.cause());
    assertEquals(Optional.of(failure), preRestart.message());
    expectHook(probe, "postStop", 1); // the default preRestart calls postStop
    Hook postRestart = expectHook(probe, "postRestart", 2);
    assertSame(failure, postRestart.cause());
    expectHook(probe, "preStart", 2); // the default postRestart calls preStart

    probe.send(a, "still the same ref");
    probe.expectMsg("still the same ref");

    probe.watch(a);
    system.stop(a);
    expectHook(probe, "postStop", 2);
    probe.expectTerminated(a);
    probe.expectNoMessage();
  }

  @Test
  void shouldCallPostStopOnceWhenStoppedRepeatedly() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Hooks.class, probe.getRef(), 1));
    expectHook(probe, "preStart", 1);
    probe.watch(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    system.stop(a);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    a.tell(Kill.getInstance(), ActorRef.noSender());
    expectHook(probe, "postStop", 1);
    probe.expectTerminated(a);
    probe.expectNoMessage();
  }

  // ------------------------------------------------------------------ children stop first

  /** Builds a tree below itself from a spec ("a(b,c)" style is overkill: depth and fan-out) and records postStop. */
  static class TreeNode extends AbstractActor {
    private final List<String> stopped;
    private final int depth;

    TreeNode(List<String> stopped, int depth) {
      this.stopped = stopped;
      this.depth = depth;
    }

    @Override public void preStart() {
      if (depth > 0) {
        getContext().actorOf(Props.create(TreeNode.class, stopped, depth - 1), "left");
        getContext().actorOf(Props.create(TreeNode.class, stopped, depth - 1), "right");
      }
    }

    @Override public void postStop() {
      stopped.add(getSelf().path().toStringWithoutAddress());
    }

    @Override public Receive createReceive() {
      return receiveBuilder().matchEquals("count", m -> getSender().tell(getContext().getChildren().size(), getSelf())).build();
    }
  }

  @Test
  void shouldStopChildrenBeforeParentWhenParentStops() {
    TestKit probe = new TestKit(system);
    List<String> stopped = Collections.synchronizedList(new ArrayList<>());
    ActorRef root = system.actorOf(Props.create(TreeNode.class, stopped, 2), "tree");
    probe.send(root, "count");
    probe.expectMsg(2);
    probe.watch(root);
    system.stop(root);
    probe.expectTerminated(root);
    List<String> order = new ArrayList<>(stopped);
    assertEquals(7, order.size(), order.toString());
    for (String path : order) {
      String parent = path.substring(0, path.lastIndexOf('/'));
      if (order.contains(parent)) {
        assertTrue(order.indexOf(path) < order.indexOf(parent), path + " must stop before " + parent + ": " + order);
      }
    }
    assertEquals("/user/tree", order.get(order.size() - 1));
  }

  // ------------------------------------------------------------------ PoisonPill, Kill, dead letters

  static class Echo extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  @Test
  void shouldProcessEarlierMessagesWhenPoisonPillFollows() {
    TestKit probe = new TestKit(system);
    TestKit deadLetters = new TestKit(system);
    system.getEventStream().subscribe(deadLetters.getRef(), DeadLetter.class);
    try {
      ActorRef a = system.actorOf(Props.create(Echo.class));
      probe.watch(a);
      for (int i = 1; i <= 3; i++) a.tell(i, probe.getRef());
      a.tell(PoisonPill.getInstance(), probe.getRef());
      a.tell(4, probe.getRef());
      probe.expectMsg(1);
      probe.expectMsg(2);
      probe.expectMsg(3);
      probe.expectTerminated(a);
      DeadLetter d = deadLetterFor(deadLetters, a);
      assertEquals(4, d.message());
      assertEquals(a, d.recipient());
      assertEquals(probe.getRef(), d.sender());
      probe.expectNoMessage();
    } finally {
      system.getEventStream().unsubscribe(deadLetters.getRef());
    }
  }

  /** The next dead letter addressed to {@code recipient}; others (leftovers of earlier tests) are skipped. */
  private static DeadLetter deadLetterFor(TestKit deadLetters, ActorRef recipient) {
    return (DeadLetter) deadLetters.fishForMessage(Duration.ofSeconds(3), "dead letter to " + recipient,
        o -> o instanceof DeadLetter && ((DeadLetter) o).recipient().equals(recipient));
  }

  /** Creates children on request and reports every failure before applying Pekko's default decider. */
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
  void shouldStopActorWithActorKilledExceptionWhenKilled() {
    TestKit probe = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(ReportingSupervisor.class, reports.getRef()));
    probe.send(sup, Props.create(Echo.class));
    ActorRef child = probe.expectMsgClass(ActorRef.class);
    probe.watch(child);
    child.tell(Kill.getInstance(), ActorRef.noSender());
    reports.expectMsgClass(ActorKilledException.class);
    probe.expectTerminated(child);
    reports.expectNoMessage();
  }

  @Test
  void shouldStopTopLevelActorWhenKilled() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Echo.class));
    probe.watch(a);
    a.tell(Kill.getInstance(), ActorRef.noSender());
    probe.expectTerminated(a);
  }

  /** Blocks in "block" until the latch opens, then stops itself. */
  static class BlockThenStop extends AbstractActor {
    private final CountDownLatch latch;

    BlockThenStop(CountDownLatch latch) { this.latch = latch; }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("block", m -> {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("latch never opened");
            getContext().stop(getSelf());
          })
          .matchAny(m -> getSender().tell("processed " + m, getSelf()))
          .build();
    }
  }

  @Test
  void shouldSendQueuedMessagesToDeadLettersWhenStopped() {
    TestKit probe = new TestKit(system);
    TestKit deadLetters = new TestKit(system);
    system.getEventStream().subscribe(deadLetters.getRef(), DeadLetter.class);
    try {
      CountDownLatch latch = new CountDownLatch(1);
      ActorRef a = system.actorOf(Props.create(BlockThenStop.class, latch));
      probe.watch(a);
      a.tell("block", probe.getRef());
      a.tell("m1", probe.getRef());
      a.tell("m2", probe.getRef());
      a.tell("m3", ActorRef.noSender());
      latch.countDown();
      probe.expectTerminated(a);
      List<Object> messages = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        DeadLetter d = deadLetterFor(deadLetters, a);
        messages.add(d.message());
        assertEquals("m3".equals(d.message()) ? system.deadLetters() : probe.getRef(), d.sender());
      }
      assertEquals(List.of("m1", "m2", "m3"), messages);
      probe.expectNoMessage();
    } finally {
      system.getEventStream().unsubscribe(deadLetters.getRef());
    }
  }

  // ------------------------------------------------------------------ names

  /** Creates a child with the requested name and replies with the ref or the exception. */
  static class NamedSpawner extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().match(String.class, name -> {
        try {
          getSender().tell(getContext().actorOf(Props.create(Echo.class), name), getSelf());
        } catch (Exception e) {
          getSender().tell(e, getSelf());
        }
      }).build();
    }
  }

  @Test
  void shouldRejectDuplicateNameWhenSiblingIsAlive() {
    system.actorOf(Props.create(Echo.class), "unique");
    InvalidActorNameException e = assertThrows(InvalidActorNameException.class,
        () -> system.actorOf(Props.create(Echo.class), "unique"));
    assertTrue(e.getMessage().contains("unique") && e.getMessage().contains("not unique"), e.getMessage());

    TestKit probe = new TestKit(system);
    ActorRef spawner = system.actorOf(Props.create(NamedSpawner.class));
    probe.send(spawner, "kid");
    probe.expectMsgClass(ActorRef.class);
    probe.send(spawner, "kid");
    InvalidActorNameException inner = probe.expectMsgClass(InvalidActorNameException.class);
    assertTrue(inner.getMessage().contains("not unique"), inner.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"$dollar", "has space", "slash/inside", "hash#inside", "ümlaut", "question?", ""})
  void shouldRejectNameWhenInvalid(String name) {
    InvalidActorNameException e = assertThrows(InvalidActorNameException.class,
        () -> system.actorOf(Props.create(Echo.class), name));
    if (!name.isEmpty()) assertTrue(e.getMessage().contains(name), e.getMessage());

    TestKit probe = new TestKit(system);
    ActorRef spawner = system.actorOf(Props.create(NamedSpawner.class));
    probe.send(spawner, name);
    probe.expectMsgClass(InvalidActorNameException.class);
  }

  @Test
  void shouldRejectNullNameWhenNameIsRequired() {
    assertThrows(InvalidActorNameException.class, () -> system.actorOf(Props.create(Echo.class), null));
  }

  @Test
  void shouldGenerateDistinctDollarNamesWhenNoNameGiven() {
    ActorRef a = system.actorOf(Props.create(Echo.class));
    ActorRef b = system.actorOf(Props.create(Echo.class));
    assertTrue(a.path().name().startsWith("$"), a.path().name());
    assertTrue(b.path().name().startsWith("$"), b.path().name());
    assertTrue(!a.path().name().equals(b.path().name()));
  }

  @Test
  void shouldAcceptNameWhenItUsesAllowedSymbols() {
    ActorRef a = system.actorOf(Props.create(Echo.class), "a-b_c.d*e+f:g@h&i=j,k!l~m';n$o%20");
    assertEquals("a-b_c.d*e+f:g@h&i=j,k!l~m';n$o%20", a.path().name());
    TestKit probe = new TestKit(system);
    probe.send(a, "hi");
    probe.expectMsg(Duration.ofSeconds(3), "hi");
  }
}

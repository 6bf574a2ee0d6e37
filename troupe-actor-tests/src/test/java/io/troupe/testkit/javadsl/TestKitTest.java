package io.troupe.testkit.javadsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TestKit checks itself: every expectation passes when it should and fails, with AssertionError, when it should. */
class TestKitTest {
  private static final Duration SHORT = Duration.ofMillis(100);
  private static ActorSystem system;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("TestKitTest");
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
  }

  /** Sends "hello" to {@code target} on start; forwards everything it receives to {@code target}; "boom" throws. */
  static final class Chatty extends AbstractActor {
    private final ActorRef target;

    Chatty(ActorRef target) { this.target = target; }

    @Override public void preStart() { if (target != null) target.tell("hello", getSelf()); }

    @Override public void postRestart(Throwable reason) { if (target != null) target.tell("restarted:" + reason.getMessage(), getSelf()); }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("boom", m -> {
            throw new IllegalStateException("boom (expected, test)");
          })
          .matchEquals("parent?", m -> getSender().tell(getContext().getParent(), getSelf()))
          .matchAny(m -> target.tell(m, getSender()))
          .build();
    }
  }

  private static void tell(TestKit probe, Object... msgs) {
    for (Object m : msgs) probe.getRef().tell(m, ActorRef.noSender());
  }

  @Test
  void shouldReturnMessageWhenExpectMsgMatches() {
    TestKit probe = new TestKit(system);
    tell(probe, "one");
    assertEquals("one", probe.expectMsg("one"));
    tell(probe, 2);
    assertEquals(2, probe.expectMsg(Duration.ofSeconds(1), 2));
  }

  @Test
  void shouldFailWithAssertionErrorWhenExpectMsgTimesOut() {
    TestKit probe = new TestKit(system);
    AssertionError e = assertThrows(AssertionError.class, () -> probe.expectMsg(SHORT, "never"));
    assertTrue(e.getMessage().contains("timeout") && e.getMessage().contains("never"), e.getMessage());
  }

  @Test
  void shouldFailWithAssertionErrorWhenExpectMsgGetsAnotherMessage() {
    TestKit probe = new TestKit(system);
    tell(probe, "actual");
    AssertionError e = assertThrows(AssertionError.class, () -> probe.expectMsg("expected"));
    assertTrue(e.getMessage().contains("expected") && e.getMessage().contains("actual"), e.getMessage());
  }

  @Test
  void shouldFailWhenMessageArrivesDuringExpectNoMessage() {
    TestKit probe = new TestKit(system);
    probe.expectNoMessage(SHORT);
    probe.expectNoMessage();
    tell(probe, "intruder");
    AssertionError e = assertThrows(AssertionError.class, () -> probe.expectNoMessage(Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("intruder"), e.getMessage());
  }

  @Test
  void shouldBoundNestedExpectationsWhenInsideWithin() {
    TestKit probe = new TestKit(system);
    // the inner expectation asks for 30 s; within(300 ms) must cut it short
    AssertionError e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(AssertionError.class, () -> probe.within(Duration.ofMillis(300), () -> probe.expectMsg(Duration.ofSeconds(30), "never"))));
    assertTrue(e.getMessage().contains("timeout"), e.getMessage());

    Duration remaining = probe.within(Duration.ofSeconds(2), () ->
        probe.within(Duration.ofSeconds(20), probe::getRemaining));
    assertTrue(remaining.compareTo(Duration.ofSeconds(2)) <= 0, "the outer block bounds the inner one: " + remaining);
    assertThrows(AssertionError.class, probe::getRemaining, "outside within there is no remaining time");
    assertEquals(probe.dilated(Duration.ofSeconds(3)), probe.getRemainingOrDefault());

    tell(probe, "in time");
    assertEquals("in time", probe.within(Duration.ofSeconds(3), () -> probe.expectMsg("in time")));
  }

  @Test
  void shouldFailWhenBlockIsFasterThanMinimumOfWithin() {
    TestKit probe = new TestKit(system);
    AssertionError e = assertThrows(AssertionError.class, () -> probe.within(Duration.ofSeconds(1), Duration.ofSeconds(5), () -> "fast"));
    assertTrue(e.getMessage().contains("at least"), e.getMessage());
  }

  @Test
  void shouldSucceedWhenConditionBecomesTrueAndFailWhenItNeverDoes() {
    TestKit probe = new TestKit(system);
    AtomicBoolean flag = new AtomicBoolean();
    system.scheduler().scheduleOnce(Duration.ofMillis(50), () -> flag.set(true), system.dispatcher());
    probe.awaitCond(Duration.ofSeconds(3), flag::get);
    assertTrue(flag.get());

    AssertionError e = assertThrows(AssertionError.class,
        () -> probe.awaitCond(Duration.ofMillis(200), Duration.ofMillis(20), "the impossible", () -> false));
    assertTrue(e.getMessage().contains("the impossible"), e.getMessage());
  }

  @Test
  void shouldRetryUntilAssertionPassesAndRethrowLastFailureWhenItNeverDoes() {
    TestKit probe = new TestKit(system);
    AtomicInteger calls = new AtomicInteger();
    int result = probe.awaitAssert(Duration.ofSeconds(3), () -> {
      int n = calls.incrementAndGet();
      assertTrue(n >= 3, "not yet: " + n);
      return n;
    });
    assertEquals(3, result);

    AssertionError e = assertThrows(AssertionError.class, () -> probe.awaitAssert(Duration.ofMillis(200), () -> {
      assertEquals("wanted", "got", "last attempt");
      return null;
    }));
    assertTrue(e.getMessage().contains("last attempt"), e.getMessage());
  }

  @Test
  void shouldReturnMessagesInOrderWhenReceiveN() {
    TestKit probe = new TestKit(system);
    tell(probe, "a", "b", "c");
    assertEquals(List.of("a", "b", "c"), probe.receiveN(3));
    tell(probe, "only");
    AssertionError e = assertThrows(AssertionError.class, () -> probe.receiveN(2, Duration.ofMillis(200)));
    assertTrue(e.getMessage().contains("2 of 2"), e.getMessage());
    assertNull(probe.receiveOne(Duration.ZERO), "nothing left");
  }

  @Test
  void shouldAcceptAnyOrderWhenExpectMsgAllOf() {
    TestKit probe = new TestKit(system);
    tell(probe, "c", "a", "b");
    assertEquals(List.of("c", "a", "b"), probe.expectMsgAllOf("a", "b", "c"));
    tell(probe, "a", "x");
    AssertionError e = assertThrows(AssertionError.class, () -> probe.expectMsgAllOf("a", "b"));
    assertTrue(e.getMessage().contains("missing [b]") && e.getMessage().contains("unexpected [x]"), e.getMessage());
    tell(probe, "a");
    assertThrows(AssertionError.class, () -> probe.expectMsgAllOf(Duration.ofMillis(200), "a", "b"));
  }

  @Test
  void shouldAcceptOneOfCandidatesWhenExpectMsgAnyOf() {
    TestKit probe = new TestKit(system);
    tell(probe, "b");
    assertEquals("b", probe.expectMsgAnyOf("a", "b", "c"));
    tell(probe, "z");
    assertThrows(AssertionError.class, () -> probe.expectMsgAnyOf("a", "b"));
    assertThrows(AssertionError.class, () -> probe.expectMsgAnyOf(SHORT, "a"));
  }

  @Test
  void shouldCheckTypeWhenExpectMsgClass() {
    TestKit probe = new TestKit(system);
    tell(probe, 42);
    Integer i = probe.expectMsgClass(Integer.class);
    assertEquals(42, i);
    tell(probe, "text");
    AssertionError e = assertThrows(AssertionError.class, () -> probe.expectMsgClass(Integer.class));
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    assertThrows(AssertionError.class, () -> probe.expectMsgClass(SHORT, Integer.class));
  }

  @Test
  void shouldSkipUntilMatchWhenFishing() {
    TestKit probe = new TestKit(system);
    tell(probe, "x", "y", "target", "after");
    assertEquals("target", probe.fishForMessage(Duration.ofSeconds(3), "target", m -> m.equals("target")));
    probe.expectMsg("after");
    tell(probe, "x");
    AssertionError e = assertThrows(AssertionError.class,
        () -> probe.fishForMessage(Duration.ofMillis(200), "never there", m -> false));
    assertTrue(e.getMessage().contains("never there"), e.getMessage());
  }

  @Test
  void shouldReplyToLastSenderWhenReplying() {
    TestKit probe = new TestKit(system);
    TestKit other = new TestKit(system);
    ActorRef chatty = system.actorOf(Props.create(Chatty.class, other.getRef()));
    other.expectMsg("hello");
    assertEquals(chatty, other.getLastSender());
    other.reply("answer"); // to chatty, which forwards it back to other with other as sender
    other.expectMsg("answer");
    assertEquals(other.getRef(), other.getLastSender());

    probe.send(chatty, "via send");
    other.expectMsg("via send");
    assertEquals(probe.getRef(), other.getLastSender(), "send uses the test actor as sender");
  }

  @Test
  void shouldSeeTerminatedWhenWatchedActorStopsAndNotAfterUnwatch() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Chatty.class, (ActorRef) null));
    assertEquals(a, probe.watch(a));
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    Terminated t = probe.expectTerminated(a);
    assertEquals(a, t.getActor());

    ActorRef b = system.actorOf(Props.create(Chatty.class, (ActorRef) null));
    probe.watch(b);
    probe.unwatch(b);
    system.stop(b);
    probe.expectNoMessage(Duration.ofMillis(300));

    ActorRef c = system.actorOf(Props.create(Chatty.class, (ActorRef) null));
    tell(probe, "not terminated");
    assertThrows(AssertionError.class, () -> probe.expectTerminated(c));
  }

  @Test
  void shouldSuperviseChildWithTestActorsStrategyWhenCreatedByChildActorOf() {
    TestKit probe = new TestKit(system);
    ActorRef stopped = probe.childActorOf(Props.create(Chatty.class, probe.getRef()), SupervisorStrategy.stoppingStrategy());
    probe.expectMsg("hello");
    probe.send(stopped, "parent?");
    assertEquals(probe.getRef(), probe.expectMsgClass(ActorRef.class), "the child's parent is the test actor");
    probe.watch(stopped);
    stopped.tell("boom", ActorRef.noSender());
    probe.expectTerminated(stopped);

    // a child created afterwards without a strategy gets the default one (restart), not the previous child's
    ActorRef restarted = probe.childActorOf(Props.create(Chatty.class, probe.getRef()), "named-child");
    probe.expectMsg("hello");
    assertEquals("named-child", restarted.path().name());
    restarted.tell("boom", ActorRef.noSender());
    probe.expectMsg("restarted:boom (expected, test)");
    probe.send(restarted, "still alive");
    probe.expectMsg("still alive");
  }

  @Test
  void shouldKeepEachChildsStrategyWhenSeveralChildrenHaveDifferentOnes() {
    TestKit probe = new TestKit(system);
    ActorRef stopping = probe.childActorOf(Props.create(Chatty.class, probe.getRef()), SupervisorStrategy.stoppingStrategy());
    probe.expectMsg("hello");
    ActorRef restarting = probe.childActorOf(Props.create(Chatty.class, probe.getRef()), SupervisorStrategy.defaultStrategy());
    probe.expectMsg("hello");
    probe.watch(stopping);
    stopping.tell("boom", ActorRef.noSender());
    probe.expectTerminated(stopping);
    restarting.tell("boom", ActorRef.noSender());
    probe.expectMsg("restarted:boom (expected, test)");
  }

  @Test
  void shouldTerminateSystemWhenShutdownActorSystem() throws Exception {
    ActorSystem other = ActorSystem.create("TestKitTest-shutdown");
    TestKit.shutdownActorSystem(other);
    assertTrue(other.getWhenTerminated().toCompletableFuture().isDone());
    assertFalse(system.getWhenTerminated().toCompletableFuture().isDone());
  }
}

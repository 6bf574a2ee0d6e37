package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.testkit.javadsl.TestKit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Props: checked at creation, copied by the with-methods, and what happens when construction fails. */
class PropsTest {
  static ActorSystem system;

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("PropsTest", ConfigFactory.parseString(
        "single-thread-dispatcher { type = Dispatcher, executor = thread-pool-executor, "
            + "thread-pool-executor.fixed-pool-size = 1 }\n"
            + "small-mailbox { mailbox-type = io.troupe.dispatch.BoundedMailbox, mailbox-capacity = 10 }")
        .withFallback(ConfigFactory.load()));
  }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  /** Replies with its constructor arguments and the thread it runs on. */
  static class WithArgs extends AbstractActor {
    private final String s;
    private final int i;

    public WithArgs(String s, int i) {
      this.s = s;
      this.i = i;
    }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("args", m -> getSender().tell(s + ":" + i, getSelf()))
          .matchEquals("thread", m -> getSender().tell(Thread.currentThread().getName(), getSelf()))
          .build();
    }
  }

  abstract static class AbstractOne extends AbstractActor {}

  static class NotAnActor {
    public NotAnActor() {}
  }

  static class ThrowingConstructor extends AbstractActor {
    public ThrowingConstructor() {
      throw new IllegalStateException("constructor failed (expected by the test)");
    }

    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  // ------------------------------------------------------------------ create(Class, args...)

  @Test
  void shouldCreateActorWithArgumentsWhenConstructorMatches() {
    TestKit probe = new TestKit(system);
    Props p = Props.create(WithArgs.class, "x", 7);
    assertEquals(WithArgs.class, p.actorClass());
    assertEquals(List.of("x", 7), p.args());
    probe.send(system.actorOf(p), "args");
    probe.expectMsg("x:7");
  }

  @Test
  void shouldRejectImmediatelyWhenArgumentTypesDoNotMatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Props.create(WithArgs.class, 7, "x"));
    assertTrue(e.getMessage().contains(WithArgs.class.getName()), e.getMessage());
  }

  @Test
  void shouldRejectImmediatelyWhenArgumentCountDoesNotMatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Props.create(WithArgs.class, "x"));
    assertTrue(e.getMessage().contains(WithArgs.class.getName()), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Props.create(WithArgs.class, "x", 1, 2));
  }

  @Test
  void shouldRejectImmediatelyWhenPrimitiveParameterGetsNull() {
    assertThrows(IllegalArgumentException.class, () -> Props.create(WithArgs.class, "x", null));
  }

  @Test
  void shouldAcceptNullWhenParameterIsReference() {
    TestKit probe = new TestKit(system);
    probe.send(system.actorOf(Props.create(WithArgs.class, null, 3)), "args");
    probe.expectMsg("null:3");
  }

  @Test
  void shouldRejectImmediatelyWhenClassIsAbstract() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Props.create(AbstractOne.class));
    assertTrue(e.getMessage().contains(AbstractOne.class.getName()), e.getMessage());
  }

  @Test
  void shouldRejectImmediatelyWhenClassIsNotAnActor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Props.create(NotAnActor.class));
    assertTrue(e.getMessage().contains(NotAnActor.class.getName()), e.getMessage());
  }

  // ------------------------------------------------------------------ create(Class, Creator)

  /** Tells which incarnation it is; "fail" makes it throw (the /user guardian then restarts it). */
  static class Incarnation extends AbstractActor {
    private final int n;

    Incarnation(int n) { this.n = n; }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("which", m -> getSender().tell(n, getSelf()))
          .matchEquals("fail", m -> {
            throw new IllegalStateException("failing on request (expected by the test)");
          })
          .build();
    }
  }

  @Test
  void shouldCallCreatorForEveryIncarnationWhenGivenALambda() {
    TestKit probe = new TestKit(system);
    AtomicInteger created = new AtomicInteger();
    Props p = Props.create(Incarnation.class, () -> new Incarnation(created.incrementAndGet()));
    assertEquals(Incarnation.class, p.actorClass());
    assertEquals(0, created.get(), "the creator runs when the actor starts, not when the Props is made");
    ActorRef a = system.actorOf(p);
    probe.send(a, "which");
    probe.expectMsg(1);
    probe.send(a, "fail");
    probe.send(a, "which");
    probe.expectMsg(2);
  }

  /** A non-static inner actor class: it needs an enclosing instance, which Props cannot supply. */
  class InnerActor extends AbstractActor {
    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  @Test
  void shouldRejectImmediatelyWhenClassIsNonStaticInner() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Props.create(InnerActor.class));
    assertTrue(e.getMessage().contains(InnerActor.class.getName()), e.getMessage());
  }

  @Test
  void shouldRejectImmediatelyWhenCreatorIsAnonymousInnerClass() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Props.create(Incarnation.class, new io.troupe.japi.function.Creator<Incarnation>() {
          private static final long serialVersionUID = 1L;

          @Override public Incarnation create() {
            return new Incarnation(PropsTest.this.hashCode());
          }
        }));
    assertTrue(e.getMessage().contains("Creator"), e.getMessage());
  }

  // ------------------------------------------------------------------ with...

  @Test
  void shouldKeepOtherFieldsWhenCopiedWithDispatcherMailboxOrDeploy() {
    Props base = Props.create(WithArgs.class, "x", 1);
    Props p = base.withDispatcher("single-thread-dispatcher").withMailbox("small-mailbox");
    assertEquals("single-thread-dispatcher", p.dispatcher());
    assertEquals("small-mailbox", p.mailbox());
    assertEquals(WithArgs.class, p.actorClass());
    assertEquals(List.of("x", 1), p.args());

    Props deployed = p.withDeploy(new Deploy(LocalScope.getInstance()));
    assertEquals("single-thread-dispatcher", deployed.dispatcher());
    assertEquals("small-mailbox", deployed.mailbox());
    assertEquals(LocalScope.getInstance(), deployed.deploy().scope());
    assertEquals(List.of("x", 1), deployed.args());

    Props redispatched = deployed.withDispatcher("troupe.actor.default-dispatcher");
    assertEquals(LocalScope.getInstance(), redispatched.deploy().scope());
    assertEquals("small-mailbox", redispatched.mailbox());

    // the originals are untouched
    assertEquals("troupe.actor.default-dispatcher", base.dispatcher());
    assertEquals("", base.mailbox());
    assertEquals("single-thread-dispatcher", p.dispatcher());
    assertFalse(p.deploy().scope() instanceof LocalScope);
  }

  @Test
  void shouldRunOnConfiguredDispatcherWhenPropsNameIt() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(WithArgs.class, "d", 2).withDispatcher("single-thread-dispatcher")
        .withMailbox("small-mailbox"));
    probe.send(a, "thread");
    String thread = probe.expectMsgClass(String.class);
    assertTrue(thread.startsWith("PropsTest-single-thread-dispatcher"), thread);
    probe.send(a, "args");
    probe.expectMsg("d:2");
  }

  @Test
  void shouldFailActorOfAndFreeTheNameWhenDispatcherIsNotConfigured() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> system.actorOf(Props.create(WithArgs.class, "x", 1).withDispatcher("no-such-dispatcher"), "badDispatcher"));
    assertTrue(e.getMessage().contains("no-such-dispatcher"), e.getMessage());
    ActorRef ok = system.actorOf(Props.create(WithArgs.class, "x", 1), "badDispatcher");
    assertEquals("badDispatcher", ok.path().name());
  }

  // ------------------------------------------------------------------ failing construction

  /** Creates children on request and reports every failure it supervises before applying Pekko's default decider. */
  static class ReportingSupervisor extends AbstractActor {
    private final ActorRef report;

    public ReportingSupervisor(ActorRef report) { this.report = report; }

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
  void shouldStopActorAndNotifyWatchersWhenConstructorThrows() {
    TestKit probe = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(ReportingSupervisor.class, reports.getRef()));
    probe.send(sup, Props.create(ThrowingConstructor.class));
    ActorRef child = probe.expectMsgClass(ActorRef.class);
    probe.watch(child);
    ActorInitializationException e = reports.expectMsgClass(ActorInitializationException.class);
    assertEquals(child, e.getActor());
    assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    assertEquals("constructor failed (expected by the test)", e.getCause().getMessage());
    Terminated t = probe.expectTerminated(child);
    assertEquals(child, t.getActor());
    reports.expectNoMessage();
  }

  @Test
  void shouldThrowActorInitializationExceptionWhenActorIsCreatedWithNew() {
    ActorInitializationException e = assertThrows(ActorInitializationException.class, () -> new WithArgs("x", 1));
    assertTrue(e.getMessage().contains(WithArgs.class.getName()), e.getMessage());
  }

  @Test
  void shouldKeepWorkingWhenActorWasCreatedWithNewOnTheSameThread() {
    assertThrows(ActorInitializationException.class, () -> new WithArgs("x", 1));
    TestKit probe = new TestKit(system);
    probe.send(system.actorOf(Props.create(WithArgs.class, "after", 1)), "args");
    probe.expectMsg("after:1");
  }

  @Test
  void shouldReturnSameClassWhenEmpty() {
    assertSame(Props.EmptyActor.class, Props.empty().actorClass());
  }
}

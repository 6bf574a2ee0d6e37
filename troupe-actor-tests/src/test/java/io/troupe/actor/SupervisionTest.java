package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.japi.pf.PartialFunction;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Supervisor strategies: directives, restart budgets, one-for-one and all-for-one, escalation, guardians. */
class SupervisionTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("SupervisionTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  // ------------------------------------------------------------------ actors

  /** A failure a decider reported: the cause and the child it came from (the sender seen by the decider). */
  record Failure(Throwable cause, ActorRef child) {}

  record Named(Props props, String name) {}

  /** Supervises the children it is asked to create with the given strategy. */
  static class Supervisor extends AbstractActor {
    private final SupervisorStrategy strategy;

    Supervisor(SupervisorStrategy strategy) { this.strategy = strategy; }

    @Override public SupervisorStrategy supervisorStrategy() { return strategy; }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(Props.class, p -> getSender().tell(getContext().actorOf(p), getSelf()))
          .match(Named.class, n -> getSender().tell(getContext().actorOf(n.props(), n.name()), getSelf()))
          .build();
    }
  }

  /** A counter: "inc", "get"; a Throwable message is thrown; reports "started:<name>" from preStart. */
  static class Worker extends AbstractActor {
    private final ActorRef report;
    private int count;

    Worker(ActorRef report) { this.report = report; }

    @Override public void preStart() { report.tell("started:" + getSelf().path().name(), getSelf()); }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("inc", m -> count++)
          .matchEquals("get", m -> getSender().tell(count, getSelf()))
          .match(Exception.class, e -> {
            throw e;
          })
          .match(Error.class, e -> {
            throw e;
          })
          .build();
    }
  }

  private static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom(String msg) { super(msg + " (expected by the test)"); }
  }

  /** An Error that is not fatal to the JVM: Pekko's default decider escalates it. */
  private static final class NonFatalError extends Error {
    private static final long serialVersionUID = 1L;

    NonFatalError(String msg) { super(msg + " (expected by the test)"); }
  }

  /** A strategy whose decider reports every failure to {@code reports}, then applies {@code decider}. */
  private static PartialFunction<Throwable, SupervisorStrategy.Directive> reporting(
      ActorRef reports, PartialFunction<Throwable, SupervisorStrategy.Directive> decider) {
    return DeciderBuilder.matchAny(t -> {
      reports.tell(t, ActorRef.noSender());
      return decider.isDefinedAt(t) ? decider.apply(t) : SupervisorStrategy.escalate();
    }).build();
  }

  private static ActorRef child(TestKit probe, ActorRef supervisor, Props props) {
    probe.send(supervisor, props);
    return probe.expectMsgClass(ActorRef.class);
  }

  private static ActorRef worker(TestKit probe, ActorRef supervisor, TestKit events) {
    ActorRef w = child(probe, supervisor, Props.create(Worker.class, events.getRef()));
    events.expectMsg("started:" + w.path().name());
    return w;
  }

  private static void expectCount(TestKit probe, ActorRef worker, int expected) {
    probe.send(worker, "get");
    probe.expectMsg(expected);
  }

  private static void incTwice(ActorRef worker) {
    worker.tell("inc", ActorRef.noSender());
    worker.tell("inc", ActorRef.noSender());
  }

  private static final PartialFunction<Throwable, SupervisorStrategy.Directive> BY_TYPE = DeciderBuilder
      .match(ArithmeticException.class, e -> SupervisorStrategy.resume())
      .match(Boom.class, e -> SupervisorStrategy.restart())
      .match(IllegalArgumentException.class, e -> SupervisorStrategy.stop())
      .matchAny(e -> SupervisorStrategy.escalate())
      .build();

  // ------------------------------------------------------------------ one-for-one directives

  @Test
  void shouldKeepStateWhenResumed() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new OneForOneStrategy(false, BY_TYPE)));
    ActorRef w = worker(probe, sup, events);
    probe.watch(w);
    incTwice(w);
    w.tell(new ArithmeticException("resume me (expected by the test)"), ActorRef.noSender());
    w.tell("inc", ActorRef.noSender());
    expectCount(probe, w, 3);
    events.expectNoMessage(); // no restart
    probe.expectNoMessage(); // no Terminated
  }

  @Test
  void shouldResetStateAndKeepRefWhenRestarted() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new OneForOneStrategy(false, BY_TYPE)));
    ActorRef w = worker(probe, sup, events);
    probe.watch(w);
    incTwice(w);
    w.tell(new Boom("restart me"), ActorRef.noSender());
    events.expectMsg("started:" + w.path().name());
    expectCount(probe, w, 0);
    assertEquals(w, probe.getLastSender(), "the restarted actor answers from the same ref");
    probe.expectNoMessage(); // no Terminated
  }

  @Test
  void shouldProcessLaterMessagesWhenRestartedAfterFailure() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new OneForOneStrategy(false, BY_TYPE)));
    ActorRef w = worker(probe, sup, events);
    w.tell(new Boom("restart me"), ActorRef.noSender());
    w.tell("inc", ActorRef.noSender());
    w.tell("inc", ActorRef.noSender());
    w.tell("inc", ActorRef.noSender());
    expectCount(probe, w, 3);
  }

  @Test
  void shouldStopChildWhenDirectiveIsStop() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new OneForOneStrategy(false, BY_TYPE)));
    ActorRef w = worker(probe, sup, events);
    ActorRef sibling = worker(probe, sup, events);
    probe.watch(w);
    w.tell(new IllegalArgumentException("stop me (expected by the test)"), ActorRef.noSender());
    probe.expectTerminated(w);
    expectCount(probe, sibling, 0); // one-for-one: the sibling is untouched
    events.expectNoMessage();
  }

  @Test
  void shouldStopChildOnThirdFailureWhenTwoRetriesWithinAMinute() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    SupervisorStrategy twoRetries = new OneForOneStrategy(2, Duration.ofMinutes(1),
        DeciderBuilder.match(Boom.class, e -> SupervisorStrategy.restart()).build(), false);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, twoRetries));
    ActorRef w = worker(probe, sup, events);
    probe.watch(w);
    String started = "started:" + w.path().name();
    w.tell(new Boom("failure 1"), ActorRef.noSender());
    events.expectMsg(started);
    w.tell(new Boom("failure 2"), ActorRef.noSender());
    events.expectMsg(started);
    expectCount(probe, w, 0);
    w.tell(new Boom("failure 3"), ActorRef.noSender());
    probe.expectTerminated(w);
    events.expectNoMessage();
  }

  @Test
  void shouldStopChildOnFirstFailureWhenNoRetriesAllowed() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    SupervisorStrategy noRetries = new OneForOneStrategy(0, Duration.ofMinutes(1),
        DeciderBuilder.match(Boom.class, e -> SupervisorStrategy.restart()).build(), false);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, noRetries));
    ActorRef w = worker(probe, sup, events);
    probe.watch(w);
    w.tell(new Boom("only failure"), ActorRef.noSender());
    probe.expectTerminated(w);
    events.expectNoMessage();
  }

  @Test
  void shouldCountRetriesPerChildWhenOneForOne() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    SupervisorStrategy oneRetry = new OneForOneStrategy(1, Duration.ofMinutes(1),
        DeciderBuilder.match(Boom.class, e -> SupervisorStrategy.restart()).build(), false);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, oneRetry));
    ActorRef a = worker(probe, sup, events);
    ActorRef b = worker(probe, sup, events);
    probe.watch(a);
    probe.watch(b);
    a.tell(new Boom("a fails once"), ActorRef.noSender());
    events.expectMsg("started:" + a.path().name());
    b.tell(new Boom("b fails once"), ActorRef.noSender());
    events.expectMsg("started:" + b.path().name());
    a.tell(new Boom("a fails twice"), ActorRef.noSender());
    probe.expectTerminated(a);
    expectCount(probe, b, 0);
  }

  // ------------------------------------------------------------------ all-for-one

  @Test
  void shouldRestartAllSiblingsWhenAllForOneRestarts() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new AllForOneStrategy(false, BY_TYPE)));
    ActorRef a = worker(probe, sup, events);
    ActorRef b = worker(probe, sup, events);
    probe.watch(a);
    probe.watch(b);
    incTwice(a);
    incTwice(b);
    expectCount(probe, b, 2);
    a.tell(new Boom("restart everyone"), ActorRef.noSender());
    Set<Object> restarted = new HashSet<>(events.receiveN(2));
    assertEquals(Set.of("started:" + a.path().name(), "started:" + b.path().name()), restarted);
    expectCount(probe, a, 0);
    expectCount(probe, b, 0);
    probe.expectNoMessage(); // nobody terminated
  }

  @Test
  void shouldStopAllSiblingsWhenAllForOneStops() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new AllForOneStrategy(false, BY_TYPE)));
    ActorRef a = worker(probe, sup, events);
    ActorRef b = worker(probe, sup, events);
    probe.watch(a);
    probe.watch(b);
    a.tell(new IllegalArgumentException("stop everyone (expected by the test)"), ActorRef.noSender());
    Set<ActorRef> dead = new HashSet<>();
    for (Object o : probe.receiveN(2)) dead.add(((Terminated) o).getActor());
    assertEquals(Set.of(a, b), dead);
  }

  @Test
  void shouldResumeOnlyFailedChildWhenAllForOneResumes() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new AllForOneStrategy(false, BY_TYPE)));
    ActorRef a = worker(probe, sup, events);
    ActorRef b = worker(probe, sup, events);
    incTwice(a);
    incTwice(b);
    a.tell(new ArithmeticException("resume (expected by the test)"), ActorRef.noSender());
    expectCount(probe, a, 2);
    expectCount(probe, b, 2);
    events.expectNoMessage();
  }

  @Test
  void shouldStopAllSiblingsWhenAllForOneBudgetIsSpent() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    SupervisorStrategy oneRetry = new AllForOneStrategy(1, Duration.ofMinutes(1),
        DeciderBuilder.match(Boom.class, e -> SupervisorStrategy.restart()).build(), false);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, oneRetry));
    ActorRef a = worker(probe, sup, events);
    ActorRef b = worker(probe, sup, events);
    probe.watch(a);
    probe.watch(b);
    a.tell(new Boom("first"), ActorRef.noSender());
    events.receiveN(2);
    a.tell(new Boom("second"), ActorRef.noSender());
    Set<ActorRef> dead = new HashSet<>();
    for (Object o : probe.receiveN(2)) dead.add(((Terminated) o).getActor());
    assertEquals(Set.of(a, b), dead);
  }

  // ------------------------------------------------------------------ the default strategy

  @Test
  void shouldMapFailuresLikePekkoWhenUsingDefaultDecider() {
    PartialFunction<Throwable, SupervisorStrategy.Directive> d = SupervisorStrategy.defaultDecider();
    assertEquals(SupervisorStrategy.stop(), d.apply(new ActorInitializationException("init")));
    assertEquals(SupervisorStrategy.stop(), d.apply(new ActorKilledException("kill")));
    assertEquals(SupervisorStrategy.stop(), d.apply(new DeathPactException(system.deadLetters())));
    assertEquals(SupervisorStrategy.restart(), d.apply(new Exception("checked")));
    assertEquals(SupervisorStrategy.restart(), d.apply(new IllegalStateException("unchecked")));
    assertEquals(SupervisorStrategy.escalate(), d.apply(new NonFatalError("error")));
    assertTrue(SupervisorStrategy.defaultStrategy() instanceof OneForOneStrategy);
  }

  /** Uses the default strategy (does not override supervisorStrategy). */
  static class DefaultParent extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(Props.class, p -> getSender().tell(getContext().actorOf(p), getSelf()))
          .build();
    }
  }

  @Test
  void shouldRestartOnExceptionWhenUsingDefaultStrategy() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef parent = system.actorOf(Props.create(DefaultParent.class));
    ActorRef w = worker(probe, parent, events);
    probe.watch(w);
    incTwice(w);
    w.tell(new Boom("default restarts (logged)"), ActorRef.noSender());
    events.expectMsg("started:" + w.path().name());
    expectCount(probe, w, 0);
    probe.expectNoMessage();
  }

  @Test
  void shouldStopOnKillWhenUsingDefaultStrategy() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef parent = system.actorOf(Props.create(DefaultParent.class));
    ActorRef w = worker(probe, parent, events);
    probe.watch(w);
    w.tell(Kill.getInstance(), ActorRef.noSender());
    probe.expectTerminated(w);
    events.expectNoMessage();
  }

  @Test
  void shouldEscalateErrorWhenUsingDefaultStrategy() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef top = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), DeciderBuilder.matchAny(t -> SupervisorStrategy.stop()).build()))));
    ActorRef middle = child(probe, top, Props.create(DefaultParent.class));
    ActorRef w = worker(probe, middle, events);
    probe.watch(middle);
    probe.watch(w);
    NonFatalError error = new NonFatalError("escalate me");
    w.tell(error, ActorRef.noSender());
    assertSame(error, reports.expectMsgClass(NonFatalError.class));
    Set<ActorRef> dead = new HashSet<>();
    for (Object o : probe.receiveN(2)) dead.add(((Terminated) o).getActor());
    assertEquals(Set.of(middle, w), dead);
  }

  // ------------------------------------------------------------------ escalation

  /** Escalates everything; creates one "kid" Worker in preStart and reports it to {@code report}. */
  static class Escalator extends AbstractActor {
    private final ActorRef report;
    private final Props kidProps;

    Escalator(ActorRef report, Props kidProps) {
      this.report = report;
      this.kidProps = kidProps;
    }

    @Override public SupervisorStrategy supervisorStrategy() {
      return new OneForOneStrategy(false, DeciderBuilder.matchAny(t -> SupervisorStrategy.escalate()).build());
    }

    @Override public void preStart() {
      report.tell(getContext().actorOf(kidProps, "kid"), getSelf());
    }

    @Override public Receive createReceive() {
      return receiveBuilder().matchEquals("kid", m -> getSender().tell(getContext().getChild("kid"), getSelf())).build();
    }
  }

  @Test
  void shouldFailParentAndLetGrandparentRestartItWhenChildEscalates() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    TestKit kids = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef grandparent = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), DeciderBuilder.matchAny(t -> SupervisorStrategy.restart()).build()))));
    ActorRef parent = child(probe, grandparent, Props.create(Escalator.class, kids.getRef(), Props.create(Worker.class, events.getRef())));
    ActorRef kid = kids.expectMsgClass(ActorRef.class);
    events.expectMsg("started:kid");
    probe.watch(parent);
    probe.watch(kid);

    Boom boom = new Boom("escalate me");
    kid.tell(boom, ActorRef.noSender());
    assertSame(boom, reports.expectMsgClass(Boom.class));
    // the restarted parent's default preRestart stopped the old kid; its preStart made a new one
    probe.expectTerminated(kid);
    ActorRef newKid = kids.expectMsgClass(ActorRef.class);
    assertEquals(kid.path(), newKid.path());
    assertNotEquals(kid, newKid);
    events.expectMsg("started:kid");
    probe.send(parent, "kid");
    assertEquals(newKid, probe.expectMsgClass(ActorRef.class));
    probe.expectNoMessage(); // the parent itself did not terminate
    reports.expectNoMessage();
  }

  /** Escalates everything; creates two Workers "kid" and "sibling" in preStart; counts "inc" itself. */
  static class EscalatingCounter extends AbstractActor {
    private final ActorRef events;
    private int count;

    EscalatingCounter(ActorRef events) { this.events = events; }

    @Override public SupervisorStrategy supervisorStrategy() {
      return new OneForOneStrategy(false, DeciderBuilder.matchAny(t -> SupervisorStrategy.escalate()).build());
    }

    @Override public void preStart() {
      getContext().actorOf(Props.create(Worker.class, events), "kid");
      getContext().actorOf(Props.create(Worker.class, events), "sibling");
    }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("inc", m -> count++)
          .matchEquals("get", m -> getSender().tell(count, getSelf()))
          .match(String.class, name -> getSender().tell(getContext().getChild(name), getSelf()))
          .build();
    }
  }

  @Test
  void shouldResumeParentAndAllChildrenWhenGrandparentResumesEscalation() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef grandparent = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), DeciderBuilder.matchAny(t -> SupervisorStrategy.resume()).build()))));
    ActorRef parent = child(probe, grandparent, Props.create(EscalatingCounter.class, events.getRef()));
    events.receiveN(2);
    probe.send(parent, "kid");
    ActorRef kid = probe.expectMsgClass(ActorRef.class);
    probe.send(parent, "sibling");
    ActorRef sibling = probe.expectMsgClass(ActorRef.class);
    for (ActorRef r : List.of(parent, kid, sibling)) {
      incTwice(r);
      probe.watch(r);
    }
    Boom boom = new Boom("escalate me, then resume");
    kid.tell(boom, ActorRef.noSender());
    assertSame(boom, reports.expectMsgClass(Boom.class));
    // everyone keeps its state and goes on processing
    for (ActorRef r : List.of(parent, kid, sibling)) {
      r.tell("inc", ActorRef.noSender());
      expectCount(probe, r, 3);
    }
    events.expectNoMessage(); // nobody restarted
    probe.expectNoMessage(); // nobody terminated
  }

  @Test
  void shouldStopParentAndChildWhenGrandparentStopsEscalation() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    TestKit kids = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef grandparent = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), DeciderBuilder.matchAny(t -> SupervisorStrategy.stop()).build()))));
    ActorRef parent = child(probe, grandparent, Props.create(Escalator.class, kids.getRef(), Props.create(Worker.class, events.getRef())));
    ActorRef kid = kids.expectMsgClass(ActorRef.class);
    probe.watch(parent);
    probe.watch(kid);
    kid.tell(new Boom("escalate me"), ActorRef.noSender());
    reports.expectMsgClass(Boom.class);
    Set<ActorRef> dead = new HashSet<>();
    for (Object o : probe.receiveN(2)) dead.add(((Terminated) o).getActor());
    assertEquals(Set.of(parent, kid), dead);
  }

  @Test
  void shouldReachTopSupervisorWhenEscalatedThroughThreeLevels() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    TestKit levels = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef top = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, DeciderBuilder.matchAny(t -> {
          reports.getRef().tell(new Failure(t, null), ActorRef.noSender());
          return SupervisorStrategy.stop();
        }).build())));
    Props leaf = Props.create(Worker.class, events.getRef());
    Props level3 = Props.create(Escalator.class, levels.getRef(), leaf);
    Props level2 = Props.create(Escalator.class, levels.getRef(), level3);
    ActorRef level1 = child(probe, top, Props.create(Escalator.class, levels.getRef(), level2));
    // each level reports its kid from preStart; the levels start concurrently, so sort the reports by depth
    List<ActorRef> below = new java.util.ArrayList<>();
    for (Object o : levels.receiveN(3)) below.add((ActorRef) o);
    below.sort(java.util.Comparator.comparingInt(r -> r.path().toStringWithoutAddress().length()));
    ActorRef l2 = below.get(0);
    ActorRef l3 = below.get(1);
    ActorRef w = below.get(2);
    assertEquals("/user/" + top.path().name() + "/" + level1.path().name() + "/kid/kid/kid", w.path().toStringWithoutAddress());
    for (ActorRef r : List.of(level1, l2, l3, w)) probe.watch(r);

    Boom boom = new Boom("from the bottom");
    w.tell(boom, ActorRef.noSender());
    assertSame(boom, reports.expectMsgClass(Failure.class).cause());
    Set<ActorRef> dead = new HashSet<>();
    for (Object o : probe.receiveN(4)) dead.add(((Terminated) o).getActor());
    assertEquals(Set.of(level1, l2, l3, w), dead);
    reports.expectNoMessage();
  }

  @Test
  void shouldSeeFailedChildAsSenderWhenDeciding() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(SenderReportingSupervisor.class, reports.getRef()));
    ActorRef w = worker(probe, sup, events);
    w.tell(new Boom("who failed?"), ActorRef.noSender());
    Failure f = reports.expectMsgClass(Failure.class);
    assertEquals(w, f.child());
  }

  /** Reports the failure and the sender the decider sees, then resumes. */
  static class SenderReportingSupervisor extends AbstractActor {
    private final ActorRef report;

    SenderReportingSupervisor(ActorRef report) { this.report = report; }

    @Override public SupervisorStrategy supervisorStrategy() {
      return new OneForOneStrategy(false, DeciderBuilder.matchAny(t -> {
        report.tell(new Failure(t, getSender()), getSelf());
        return SupervisorStrategy.resume();
      }).build());
    }

    @Override public Receive createReceive() {
      return receiveBuilder().match(Props.class, p -> getSender().tell(getContext().actorOf(p), getSelf())).build();
    }
  }

  /** Keeps its children across its own restarts (preRestart does not stop them); "fail" makes it throw. */
  static class KeepsChildren extends AbstractActor {
    @Override public void preRestart(Throwable reason, Optional<Object> message) {
      // keep the children: they are restarted after this actor, as in Pekko
    }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(Props.class, p -> getSender().tell(getContext().actorOf(p), getSelf()))
          .matchEquals("fail", m -> {
            throw new Boom("restart me but keep my children");
          })
          .matchEquals("children", m -> getSender().tell(getContext().getChildren().size(), getSelf()))
          .build();
    }
  }

  @Test
  void shouldRestartSurvivingChildrenWhenParentRestartsWithoutStoppingThem() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, new OneForOneStrategy(false, BY_TYPE)));
    ActorRef parent = child(probe, sup, Props.create(KeepsChildren.class));
    ActorRef kid = worker(probe, parent, events);
    probe.watch(kid);
    incTwice(kid);
    expectCount(probe, kid, 2);
    parent.tell("fail", ActorRef.noSender());
    events.expectMsg("started:" + kid.path().name()); // the survivor was restarted
    expectCount(probe, kid, 0);
    probe.send(parent, "children");
    probe.expectMsg(1);
    probe.expectNoMessage();
  }

  // ------------------------------------------------------------------ the /user guardian

  @Test
  void shouldRestartTopLevelActorWhenItEscalatesToUserGuardian() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    TestKit kids = new TestKit(system);
    ActorRef top = system.actorOf(Props.create(Escalator.class, kids.getRef(), Props.create(Worker.class, events.getRef())));
    ActorRef kid = kids.expectMsgClass(ActorRef.class);
    events.expectMsg("started:kid");
    probe.watch(top);
    probe.watch(kid);
    kid.tell(new Boom("escalated to /user (logged)"), ActorRef.noSender());
    probe.expectTerminated(kid);
    ActorRef newKid = kids.expectMsgClass(ActorRef.class);
    assertNotEquals(kid, newKid);
    events.expectMsg("started:kid");
    probe.send(top, "kid");
    assertEquals(newKid, probe.expectMsgClass(ActorRef.class));
    probe.expectNoMessage();
  }

  @Test
  void shouldStopTopLevelActorWhenGuardianUsesStoppingStrategy() {
    ActorSystem stopping = ActorSystem.create("SupervisionTestStopping", ConfigFactory.parseString(
        "troupe.actor.guardian-supervisor-strategy = \"io.troupe.actor.StoppingSupervisorStrategy\"")
        .withFallback(ConfigFactory.load()));
    try {
      TestKit probe = new TestKit(stopping);
      TestKit events = new TestKit(stopping);
      TestKit kids = new TestKit(stopping);
      ActorRef top = stopping.actorOf(Props.create(Escalator.class, kids.getRef(), Props.create(Worker.class, events.getRef())));
      ActorRef kid = kids.expectMsgClass(ActorRef.class);
      events.expectMsg("started:kid");
      probe.watch(top);
      probe.watch(kid);
      kid.tell(new Boom("escalated to a stopping /user (logged)"), ActorRef.noSender());
      Set<ActorRef> dead = new HashSet<>();
      for (Object o : probe.receiveN(2)) dead.add(((Terminated) o).getActor());
      assertEquals(Set.of(top, kid), dead);
      kids.expectNoMessage();
      events.expectNoMessage();

      ActorRef direct = stopping.actorOf(Props.create(Worker.class, events.getRef()));
      events.expectMsgClass(String.class);
      probe.watch(direct);
      direct.tell(new Boom("top-level failure (logged)"), ActorRef.noSender());
      probe.expectTerminated(direct);
    } finally {
      TestKit.shutdownActorSystem(stopping);
    }
  }

  // ------------------------------------------------------------------ failing hooks

  /** Fails in the hook named by {@code where}: "preStart", "postStop", "preRestart" or "postRestart". */
  static class FailingHook extends AbstractActor {
    private final String where;
    private final ActorRef report;

    FailingHook(String where, ActorRef report) {
      this.where = where;
      this.report = report;
    }

    private void maybeFail(String hook) {
      if (hook.equals(where)) throw new Boom("failing in " + hook);
    }

    @Override public void preStart() {
      report.tell("preStart", getSelf());
      maybeFail("preStart");
    }

    @Override public void postStop() {
      report.tell("postStop", getSelf());
      maybeFail("postStop");
    }

    @Override public void preRestart(Throwable reason, Optional<Object> message) throws Exception {
      report.tell("preRestart", getSelf());
      maybeFail("preRestart");
      super.preRestart(reason, message);
    }

    @Override public void postRestart(Throwable reason) throws Exception {
      report.tell("postRestart", getSelf());
      maybeFail("postRestart");
      super.postRestart(reason);
    }

    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(Exception.class, e -> {
            throw e;
          })
          .matchAny(m -> getSender().tell(m, getSelf()))
          .build();
    }
  }

  @Test
  void shouldStopWithActorInitializationExceptionWhenPreStartThrows() {
    TestKit probe = new TestKit(system);
    TestKit hooks = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), SupervisorStrategy.defaultDecider()))));
    ActorRef a = child(probe, sup, Props.create(FailingHook.class, "preStart", hooks.getRef()));
    probe.watch(a);
    hooks.expectMsg("preStart");
    ActorInitializationException e = reports.expectMsgClass(ActorInitializationException.class);
    assertEquals(a, e.getActor());
    assertTrue(e.getCause() instanceof Boom, String.valueOf(e.getCause()));
    probe.expectTerminated(a);
    hooks.expectNoMessage(); // no postStop: the instance never started
  }

  @Test
  void shouldCreateAgainWhenPreStartFailureIsRestarted() {
    TestKit probe = new TestKit(system);
    TestKit hooks = new TestKit(system);
    SupervisorStrategy restartOnce = new OneForOneStrategy(1, Duration.ofMinutes(1),
        DeciderBuilder.matchAny(t -> SupervisorStrategy.restart()).build(), false);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class, restartOnce));
    ActorRef a = child(probe, sup, Props.create(FailingHook.class, "preStart", hooks.getRef()));
    probe.watch(a);
    hooks.expectMsg("preStart");
    hooks.expectMsg("preStart"); // created again (not preRestart/postRestart: there was no instance)
    probe.expectTerminated(a); // the second failure spends the budget
  }

  @Test
  void shouldLogAndNotPropagateWhenPostStopThrows() {
    TestKit probe = new TestKit(system);
    TestKit hooks = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), SupervisorStrategy.defaultDecider()))));
    ActorRef a = child(probe, sup, Props.create(FailingHook.class, "postStop", hooks.getRef()));
    hooks.expectMsg("preStart");
    probe.watch(a);
    probe.watch(sup);
    a.tell(PoisonPill.getInstance(), ActorRef.noSender());
    hooks.expectMsg("postStop");
    probe.expectTerminated(a);
    reports.expectNoMessage();
    // the supervisor is unaffected
    ActorRef other = child(probe, sup, Props.create(FailingHook.class, "none", hooks.getRef()));
    hooks.expectMsg("preStart");
    probe.send(other, "alive?");
    probe.expectMsg("alive?");
  }

  @Test
  void shouldStillRestartWhenPreRestartThrows() {
    TestKit probe = new TestKit(system);
    TestKit hooks = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), DeciderBuilder.matchAny(t -> SupervisorStrategy.restart()).build()))));
    ActorRef a = child(probe, sup, Props.create(FailingHook.class, "preRestart", hooks.getRef()));
    hooks.expectMsg("preStart");
    probe.watch(a);
    a.tell(new Boom("restart me"), ActorRef.noSender());
    reports.expectMsgClass(Boom.class);
    hooks.expectMsg("preRestart"); // throws: logged, the restart goes on
    hooks.expectMsg("postRestart");
    hooks.expectMsg("preStart");
    probe.send(a, "alive?");
    probe.expectMsg("alive?");
    reports.expectNoMessage(); // a failing preRestart is not reported to the supervisor
    probe.expectNoMessage();
  }

  @Test
  void shouldStopWithPostRestartExceptionWhenPostRestartThrows() {
    TestKit probe = new TestKit(system);
    TestKit hooks = new TestKit(system);
    TestKit reports = new TestKit(system);
    ActorRef sup = system.actorOf(Props.create(Supervisor.class,
        new OneForOneStrategy(false, reporting(reports.getRef(), DeciderBuilder
            .match(PostRestartException.class, e -> SupervisorStrategy.stop())
            .matchAny(t -> SupervisorStrategy.restart()).build()))));
    ActorRef a = child(probe, sup, Props.create(FailingHook.class, "postRestart", hooks.getRef()));
    hooks.expectMsg("preStart");
    probe.watch(a);
    Boom boom = new Boom("restart me");
    a.tell(boom, ActorRef.noSender());
    assertSame(boom, reports.expectMsgClass(Boom.class));
    hooks.expectMsg("preRestart");
    hooks.expectMsg("postStop");
    hooks.expectMsg("postRestart");
    PostRestartException pre = reports.expectMsgClass(PostRestartException.class);
    assertSame(boom, pre.originalCause());
    assertTrue(pre.getCause() instanceof Boom);
    assertEquals(a, pre.getActor());
    // as in Pekko, the fresh instance existed, so it gets its postStop when the supervisor stops it
    hooks.expectMsg("postStop");
    probe.expectTerminated(a);
    hooks.expectNoMessage();
  }
}

package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.remote.serialization.ThrowableNotSerializableException;
import io.troupe.routing.Broadcast;
import io.troupe.routing.FromConfig;
import io.troupe.routing.RoundRobinPool;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote deployment between systems in one JVM: config and code, supervision across nodes, allow list, routers. */
public class RemoteDeploymentTest {
  private static final Duration T = Duration.ofSeconds(10);

  ActorSystem a;
  ActorSystem b;
  final List<ActorSystem> others = new ArrayList<>();

  @BeforeEach
  void start() {
    b = ActorSystem.create("B", RemoteMessagingTest.config());
  }

  @AfterEach
  void stop() {
    if (a != null) TestKit.shutdownActorSystem(a);
    TestKit.shutdownActorSystem(b);
    for (ActorSystem s : others) TestKit.shutdownActorSystem(s);
  }

  private ActorSystem startA(String extra) {
    a = ActorSystem.create("A", ConfigFactory.parseString(extra).withFallback(RemoteMessagingTest.config()));
    return a;
  }

  private ActorSystem other(String name, String extra) {
    ActorSystem s = ActorSystem.create(name, ConfigFactory.parseString(extra).withFallback(RemoteMessagingTest.config()));
    others.add(s);
    return s;
  }

  static Address addr(ActorSystem s) { return ((ExtendedActorSystem) s).provider().getDefaultAddress(); }

  static Props remote(Props p, ActorSystem on) { return p.withDeploy(new Deploy(new RemoteScope(addr(on)))); }

  /** Says where it runs, counts, and fails on request. */
  public static class Worker extends AbstractActor {
    int count;

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("where", m -> getSender().tell(getContext().getSystem().name() + " " + getSelf().path(), getSelf()))
          .matchEquals("parent", m -> getSender().tell(getContext().getParent().path().toString(), getSelf()))
          .matchEquals("inc", m -> getSender().tell(++count, getSelf()))
          .matchEquals("restart", m -> { throw new ArithmeticException("restart me"); })
          .matchEquals("stop", m -> { throw new IllegalStateException("stop me"); })
          .matchEquals("escalate", m -> { throw new UnsupportedOperationException("escalate me"); })
          .build();
    }
  }

  /** A class that the allow-list test leaves off the list (not a subclass of a listed one). */
  public static class Other extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell("other got " + m, getSelf())).build();
    }
  }

  /** Creates children on request; its strategy decides by the (remote) failure's original class. */
  public static class Parent extends AbstractActor {
    final ActorRef probe;

    public Parent(ActorRef probe) { this.probe = probe; }

    record Create(Props props, String name) {}

    static String kind(Throwable e) {
      return e instanceof ThrowableNotSerializableException
          ? ((ThrowableNotSerializableException) e).originalClassName() : e.getClass().getName();
    }

    final SupervisorStrategy strategy = new OneForOneStrategy(DeciderBuilder.matchAny(e -> {
      String k = kind(e);
      if (k.equals(ArithmeticException.class.getName())) return SupervisorStrategy.restart();
      if (k.equals(IllegalStateException.class.getName())) return SupervisorStrategy.stop();
      if (k.equals(UnsupportedOperationException.class.getName())) return SupervisorStrategy.escalate();
      return SupervisorStrategy.resume();
    }).build());

    @Override public SupervisorStrategy supervisorStrategy() { return strategy; }

    @Override
    public void postRestart(Throwable reason) {
      probe.tell("parent restarted: " + kind(reason), getSelf());
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Create.class, c -> getSender().tell(getContext().actorOf(c.props(), c.name()), getSelf()))
          .matchEquals("children", m -> getSender().tell(getContext().getChildren().size(), getSelf()))
          .matchEquals("stop-children", m -> getContext().getChildren().forEach(getContext()::stop))
          .build();
    }
  }

  /** The Parent's request to create a child (for tests in other packages). */
  public static Object createMessage(Props props, String name) { return new Parent.Create(props, name); }

  private ActorRef childOf(ActorRef parent, TestKit probe, Props props, String name) {
    parent.tell(new Parent.Create(props, name), probe.getRef());
    return probe.expectMsgClass(T, ActorRef.class);
  }

  @Test
  void programmaticDeploymentRunsOnTheRemoteNodeUnderRemotePath() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef ref = a.actorOf(remote(Props.create(Worker.class), b), "worker");
    ref.tell("where", probe.getRef()); // may overtake the DaemonMsgCreate: held until the child exists
    String where = probe.expectMsgClass(T, String.class);
    Address aa = addr(a);
    String expected = "B " + addr(b) + "/remote/troupe/A@" + aa.getHost().get() + ":" + aa.getPort().get() + "/user/worker";
    assertEquals(expected, where);
    assertEquals(addr(b), ref.path().address());
    assertEquals(ref, probe.getLastSender());
    ref.tell("parent", probe.getRef());
    assertEquals(aa + "/user", probe.expectMsgClass(T, String.class));
  }

  @Test
  void configDeploymentWinsOverTheProps() {
    ActorSystem c = other("C", "");
    startA("troupe.actor.deployment { /configured { remote = \"" + addr(b) + "\" } }");
    TestKit probe = new TestKit(a);
    ActorRef ref = a.actorOf(remote(Props.create(Worker.class), c), "configured");
    ref.tell("where", probe.getRef());
    assertTrue(probe.expectMsgClass(T, String.class).startsWith("B " + addr(b) + "/remote/"));
    ActorRef viaProps = a.actorOf(remote(Props.create(Worker.class), c), "notConfigured");
    viaProps.tell("where", probe.getRef());
    assertTrue(probe.expectMsgClass(T, String.class).startsWith("C " + addr(c) + "/remote/"));
  }

  @Test
  void remoteScopeOfThisNodeDeploysLocally() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef ref = a.actorOf(remote(Props.create(Worker.class), a), "here");
    ref.tell("where", probe.getRef());
    assertEquals("A " + addr(a) + "/user/here", probe.expectMsgClass(T, String.class));
  }

  @Test
  void restartKeepsTheRefAndResetsState() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    ActorRef child = childOf(parent, probe, remote(Props.create(Worker.class), b), "child");
    child.tell("inc", probe.getRef());
    child.tell("inc", probe.getRef());
    probe.expectMsg(T, 1);
    probe.expectMsg(T, 2);
    child.tell("restart", probe.getRef());
    child.tell("inc", probe.getRef());
    probe.expectMsg(T, 1);
    parent.tell("children", probe.getRef());
    probe.expectMsg(T, 1);
  }

  @Test
  void stopDecisionRemovesTheChild() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    ActorRef child = childOf(parent, probe, remote(Props.create(Worker.class), b), "child");
    probe.watch(child);
    child.tell("stop", probe.getRef());
    probe.expectTerminated(T, child);
    probe.awaitCond(T, () -> {
      parent.tell("children", probe.getRef());
      return probe.expectMsgClass(T, Integer.class) == 0;
    });
    probe.awaitCond(T, () -> remoteDaemon(b).deployedChildren().isEmpty());
  }

  @Test
  void escalateRestartsTheParentWhichStopsTheChild() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    ActorRef child = childOf(parent, probe, remote(Props.create(Worker.class), b), "child");
    probe.watch(child);
    child.tell("escalate", probe.getRef());
    // the restart first stops the children (the child's Terminated), then runs postRestart
    List<Object> got = probe.receiveN(2, T);
    assertTrue(got.contains("parent restarted: " + UnsupportedOperationException.class.getName()), got.toString());
    assertTrue(got.stream().anyMatch(m -> m instanceof Terminated && ((Terminated) m).getActor().equals(child)), got.toString());
    parent.tell("children", probe.getRef());
    probe.expectMsg(T, 0);
  }

  @Test
  void stoppingTheParentStopsTheRemoteChild() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    ActorRef child = childOf(parent, probe, remote(Props.create(Worker.class), b), "child");
    child.tell("inc", probe.getRef());
    probe.expectMsg(T, 1);
    probe.watch(child);
    probe.watch(parent);
    a.stop(parent);
    List<Object> got = List.of(probe.expectMsgClass(T, Terminated.class), probe.expectMsgClass(T, Terminated.class));
    assertTrue(got.stream().anyMatch(t -> ((Terminated) t).getActor().equals(child)), got.toString());
    probe.awaitCond(T, () -> remoteDaemon(b).deployedChildren().isEmpty());
  }

  @Test
  void contextStopOfARemoteChild() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    ActorRef child = childOf(parent, probe, remote(Props.create(Worker.class), b), "child");
    probe.watch(child);
    parent.tell("stop-children", ActorRef.noSender());
    probe.expectTerminated(T, child);
    probe.awaitCond(T, () -> {
      parent.tell("children", probe.getRef());
      return probe.expectMsgClass(T, Integer.class) == 0;
    });
  }

  /** Reports its postStop to the given ref. */
  public static class Reporting extends Worker {
    final ActorRef report;

    public Reporting(ActorRef report) { this.report = report; }

    @Override public void postStop() { report.tell("postStop " + getContext().getSystem().name(), ActorRef.noSender()); }
  }

  @Test
  void terminatingTheHostingSystemStopsDeployedActorsAndTellsTheParent() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    ActorRef child = childOf(parent, probe, remote(Props.create(Reporting.class, probe.getRef()), b), "child");
    child.tell("inc", probe.getRef());
    probe.expectMsg(T, 1);
    probe.watch(child);
    b.terminate();
    List<Object> got = probe.receiveN(2, T);
    assertTrue(got.contains("postStop B"), got.toString());
    assertTrue(got.stream().anyMatch(m -> m instanceof Terminated && ((Terminated) m).getActor().equals(child)), got.toString());
    probe.awaitCond(T, () -> {
      parent.tell("children", probe.getRef());
      return probe.expectMsgClass(T, Integer.class) == 0;
    });
  }

  static RemoteSystemDaemon remoteDaemon(ActorSystem s) {
    return ((RemoteActorRefProvider) ((ExtendedActorSystem) s).provider()).remoteDaemon();
  }

  @Test
  void allowListAcceptsListedClassesAndRefusesOthers() {
    ActorSystem guarded = other("Guarded", "troupe.remote.deployment { enable-allow-list = on\n"
        + "allowed-actor-classes = [\"NOT_ON_CLASSPATH\", \"" + Worker.class.getName() + "\"] }");
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    ActorRef ok = childOf(parent, probe, remote(Props.create(Worker.class), guarded), "ok");
    ok.tell("where", probe.getRef());
    assertTrue(probe.expectMsgClass(T, String.class).startsWith("Guarded "));

    ActorRef refused = childOf(parent, probe, remote(Props.create(Other.class), guarded), "refused");
    probe.watch(refused);
    Terminated t = probe.expectMsgClass(T, Terminated.class);
    assertEquals(refused, t.getActor());
    assertFalse(t.getExistenceConfirmed());
    assertEquals(1, RemotingCounters.get(guarded).get(Counter.DROPPED_DEPLOYMENT_REFUSED));
    probe.awaitCond(T, () -> {
      parent.tell("children", probe.getRef());
      return probe.expectMsgClass(T, Integer.class) == 1;
    });
    refused.tell("where", probe.getRef());
    probe.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void poolFromConfigSpreadsRouteesOverTargetNodes() {
    ActorSystem c = other("C", "");
    startA("troupe.actor.deployment { /pool { router = round-robin-pool\n nr-of-instances = 4\n"
        + " target.nodes = [\"" + addr(b) + "\", \"" + addr(c) + "\"] } }");
    TestKit probe = new TestKit(a);
    ActorRef pool = a.actorOf(FromConfig.getInstance().props(Props.create(Worker.class)), "pool");
    assertSpread(pool, probe);
  }

  @Test
  void poolFromCodeSpreadsRouteesOverNodes() {
    ActorSystem c = other("C", "");
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef pool = a.actorOf(new RemoteRouterConfig(new RoundRobinPool(4), List.of(addr(b), addr(c)))
        .props(Props.create(Worker.class)), "pool");
    assertSpread(pool, probe);
  }

  private static void assertSpread(ActorRef pool, TestKit probe) {
    pool.tell(new Broadcast("where"), probe.getRef());
    int onB = 0, onC = 0;
    for (int i = 0; i < 4; i++) {
      String w = probe.expectMsgClass(T, String.class);
      if (w.startsWith("B ")) onB++;
      if (w.startsWith("C ")) onC++;
    }
    assertEquals(2, onB);
    assertEquals(2, onC);
  }

  @Test
  void groupRoutesToExistingRemoteActors() {
    b.actorOf(Props.create(Worker.class), "w1");
    b.actorOf(Props.create(Worker.class), "w2");
    startA("troupe.actor.deployment { /group { router = round-robin-group\n"
        + " routees.paths = [\"" + addr(b) + "/user/w1\", \"" + addr(b) + "/user/w2\"] } }");
    TestKit probe = new TestKit(a);
    ActorRef group = a.actorOf(FromConfig.getInstance().props(), "group");
    group.tell("where", probe.getRef());
    group.tell("where", probe.getRef());
    List<String> got = List.of(probe.expectMsgClass(T, String.class), probe.expectMsgClass(T, String.class));
    assertTrue(got.contains("B " + addr(b) + "/user/w1"), got.toString());
    assertTrue(got.contains("B " + addr(b) + "/user/w2"), got.toString());
  }

  @Test
  void messagesToAPathBelowRemoteWhereNothingIsCreatedEndInDeadLetters() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef nobody = RemoteMessagingTest.remoteRef(a, b, "/remote/troupe/X@127.0.0.1:1/user/nobody");
    long t0 = System.nanoTime();
    nobody.tell(new io.troupe.actor.Identify("id"), probe.getRef());
    io.troupe.actor.ActorIdentity id = probe.expectMsgClass(T, io.troupe.actor.ActorIdentity.class);
    assertEquals(Optional.empty(), id.getActorRef());
    // held for about a second first, in case the creation was overtaken
    assertTrue(System.nanoTime() - t0 >= 900_000_000L);
    assertTrue(RemotingCounters.get(b).get(Counter.DROPPED_UNKNOWN_RECIPIENT) >= 1);
  }

  /** A constructor argument no serializer is bound to. */
  public static final class Opaque {}

  public static class WithArg extends Worker {
    public WithArg(Opaque o) {}
  }

  @Test
  void propsThatCannotBeSentFailAtActorOf() {
    startA("");
    IllegalArgumentException creator = assertThrows(IllegalArgumentException.class,
        () -> a.actorOf(remote(Props.create(Worker.class, Worker::new), b), "lambda"));
    assertTrue(creator.getMessage().contains("Creator"), creator.getMessage());
    assertTrue(creator.getMessage().contains(Worker.class.getName()), creator.getMessage());
    IllegalArgumentException arg = assertThrows(IllegalArgumentException.class,
        () -> a.actorOf(remote(Props.create(WithArg.class, new Opaque()), b), "arg"));
    assertTrue(arg.getMessage().contains("argument 0"), arg.getMessage());
    assertTrue(arg.getMessage().contains(Opaque.class.getName()), arg.getMessage());
    // the names were not taken
    TestKit probe = new TestKit(a);
    a.actorOf(Props.create(Worker.class), "lambda").tell("where", probe.getRef());
    assertEquals("A " + addr(a) + "/user/lambda", probe.expectMsgClass(T, String.class));
  }
}

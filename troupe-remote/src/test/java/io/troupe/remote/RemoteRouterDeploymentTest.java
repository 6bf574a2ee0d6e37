package io.troupe.remote;

import static io.troupe.remote.RemoteDeploymentTest.addr;
import static io.troupe.remote.RemoteDeploymentTest.remote;
import static io.troupe.remote.RemoteDeploymentTest.remoteDaemon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.remote.RemoteDeploymentTest.Other;
import io.troupe.remote.RemoteDeploymentTest.Parent;
import io.troupe.remote.RemoteDeploymentTest.Worker;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.routing.ActorRefRoutee;
import io.troupe.routing.Broadcast;
import io.troupe.routing.BroadcastPool;
import io.troupe.routing.ConsistentHashingPool;
import io.troupe.routing.FromConfig;
import io.troupe.routing.GetRoutees;
import io.troupe.routing.PoolBase;
import io.troupe.routing.RandomPool;
import io.troupe.routing.RoundRobinGroup;
import io.troupe.routing.RoundRobinPool;
import io.troupe.routing.RoundRobinRoutingLogic;
import io.troupe.routing.Routee;
import io.troupe.routing.Router;
import io.troupe.routing.Routees;
import io.troupe.routing.SmallestMailboxPool;
import io.troupe.routing.internal.RoutedActorRef;
import io.troupe.serialization.LogCapture;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deploying a router itself onto another node (systems in one JVM over loopback): the router actor runs on B with its
 * routees as B-local children, the ref on A is a remote ref, routing happens on B; supervision and stopping as for
 * other remotely deployed actors; the allow list checks the routees' class; routers without a wire format are refused
 * at {@code actorOf}.
 */
public class RemoteRouterDeploymentTest {
  private static final Duration T = Duration.ofSeconds(10);

  private final TestNodes nodes = new TestNodes();
  ActorSystem a;
  ActorSystem b;

  @BeforeEach
  void start() {
    b = nodes.start("B", "");
  }

  @AfterEach
  void stop() throws Exception {
    nodes.close();
  }

  private ActorSystem startA(String extra) {
    a = nodes.start("A", extra);
    return a;
  }

  /** Where B keeps what A deploys at {@code /user/<name>}. */
  private String onB(String name) {
    Address aa = addr(a);
    return addr(b) + "/remote/troupe/A@" + aa.getHost().get() + ":" + aa.getPort().get() + "/user/" + name;
  }

  /** Sends "where" {@code n} times and returns the distinct answers (system name and routee path). */
  private static Set<String> where(ActorRef router, TestKit probe, int n) {
    for (int i = 0; i < n; i++) router.tell("where", probe.getRef());
    Set<String> got = new HashSet<>();
    for (int i = 0; i < n; i++) got.add(probe.expectMsgClass(T, String.class));
    return got;
  }

  private static List<ActorRef> routees(ActorRef router, TestKit probe) {
    router.tell(GetRoutees.getInstance(), probe.getRef());
    Routees r = probe.expectMsgClass(T, Routees.class);
    List<ActorRef> refs = new ArrayList<>();
    for (Routee routee : r.getRoutees()) refs.add(assertInstanceOf(ActorRefRoutee.class, routee).ref());
    return refs;
  }

  private void assertRoutedOnB(ActorRef router, TestKit probe, String name, int routees) {
    assertInstanceOf(RemoteActorRef.class, router);
    assertEquals(addr(b), router.path().address());
    assertEquals(onB(name), router.path().toString());
    Set<String> got = where(router, probe, routees);
    assertEquals(routees, got.size(), "round robin reaches every routee once: " + got);
    for (String w : got) assertTrue(w.startsWith("B " + onB(name) + "/$"), "a B-local child of the router: " + w);

    List<ActorRef> refs = routees(router, probe);
    assertEquals(routees, refs.size());
    Set<String> paths = new HashSet<>();
    for (ActorRef r : refs) {
      assertEquals(addr(b), r.path().address());
      paths.add("B " + addr(b) + r.path().toStringWithoutAddress());
    }
    assertEquals(got, paths, "GetRoutees names the routees that answered");

    List<ActorRef> deployed = remoteDaemon(b).deployedChildren();
    assertEquals(1, deployed.size(), "only the router is deployed through the daemon: " + deployed);
    assertInstanceOf(RoutedActorRef.class, deployed.get(0));
  }

  @Test
  void roundRobinPoolWithRemoteScopeRoutesOnTheRemoteNode() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef router = a.actorOf(remote(new RoundRobinPool(3).props(Props.create(Worker.class)), b), "router");
    assertRoutedOnB(router, probe, "router", 3);
    router.tell("parent", probe.getRef());
    assertEquals(onB("router"), probe.expectMsgClass(T, String.class), "the routees' parent is the router on B");

    router.tell(new Broadcast("where"), probe.getRef());
    Set<String> all = new HashSet<>(List.of(probe.expectMsgClass(T, String.class), probe.expectMsgClass(T, String.class),
        probe.expectMsgClass(T, String.class)));
    assertEquals(3, all.size(), "a Broadcast from A reaches every routee: " + all);
  }

  @Test
  void randomAndBroadcastPoolsAreDeployedToo() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef broadcast = a.actorOf(remote(new BroadcastPool(2).props(Props.create(Worker.class)), b), "broadcast");
    broadcast.tell("where", probe.getRef());
    Set<String> got = new HashSet<>(List.of(probe.expectMsgClass(T, String.class), probe.expectMsgClass(T, String.class)));
    assertEquals(2, got.size(), got.toString());
    for (String w : got) assertTrue(w.startsWith("B " + onB("broadcast") + "/$"), w);

    ActorRef random = a.actorOf(remote(new RandomPool(4).props(Props.create(Worker.class)), b), "random");
    assertEquals(4, routees(random, probe).size());
    random.tell("where", probe.getRef());
    assertTrue(probe.expectMsgClass(T, String.class).startsWith("B " + onB("random") + "/$"));
  }

  @Test
  void routerFromConfigIsDeployedOnTheNodeItNames() {
    startA("troupe.actor.deployment {\n"
        + "  /router { router = round-robin-pool, nr-of-instances = 3, remote = \"" + addr(b) + "\" }\n"
        + "  /configWins { router = round-robin-pool, nr-of-instances = 2, remote = \"" + addr(b) + "\" }\n"
        + "  /plain { router = round-robin-pool, nr-of-instances = 2, remote = \"" + addr(b) + "\" }\n"
        + "}");
    TestKit probe = new TestKit(a);
    ActorRef router = a.actorOf(FromConfig.getInstance().props(Props.create(Worker.class)), "router");
    assertRoutedOnB(router, probe, "router", 3);

    ActorRef configWins = a.actorOf(new RandomPool(5).props(Props.create(Worker.class)), "configWins");
    assertEquals(2, routees(configWins, probe).size(), "the entry's pool, not the one in code");
    assertEquals(2, where(configWins, probe, 2).size(), "and round robin");

    // as for a local actor (and in Pekko): an entry naming a router does not make Props without one into a router
    ActorRef plain = a.actorOf(Props.create(Worker.class), "plain");
    plain.tell("where", probe.getRef());
    assertEquals("B " + onB("plain"), probe.expectMsgClass(T, String.class));
  }

  @Test
  void aRouterOnOneNodeCanDeployItsRouteesOnAThird() {
    ActorSystem c = nodes.start("C", "");
    startA("troupe.actor.deployment { /router { router = round-robin-pool, nr-of-instances = 2, remote = \"" + addr(b)
        + "\", target.nodes = [\"" + addr(c) + "\"] } }");
    TestKit probe = new TestKit(a);
    ActorRef router = a.actorOf(FromConfig.getInstance().props(Props.create(Worker.class)), "router");
    assertEquals(addr(b), router.path().address(), "the router (a RemoteRouterConfig) runs on B");
    List<ActorRef> routees = routees(router, probe);
    assertEquals(2, routees.size());
    for (ActorRef r : routees) assertEquals(addr(c), r.path().address(), "its routees on C: " + r);
    Set<String> got = where(router, probe, 2);
    assertEquals(2, got.size(), got.toString());
    for (String w : got) assertTrue(w.startsWith("C " + addr(c) + "/remote/troupe/B@"), w);
  }

  @Test
  void stoppingTheRouterOnTheDeployingSideStopsItAndItsRouteesOnTheOtherNode() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef router = a.actorOf(remote(new RoundRobinPool(2).props(Props.create(Worker.class)), b), "router");
    List<ActorRef> routees = routees(router, probe);
    probe.watch(router);
    for (ActorRef r : routees) probe.watch(r);
    a.stop(router);
    Set<ActorRef> terminated = new HashSet<>();
    for (int i = 0; i < 3; i++) terminated.add(probe.expectMsgClass(T, Terminated.class).getActor());
    assertTrue(terminated.contains(router), terminated.toString());
    assertTrue(terminated.containsAll(routees), terminated.toString());
    probe.awaitCond(T, () -> remoteDaemon(b).deployedChildren().isEmpty());
  }

  private static final SupervisorStrategy RESUME_ALL =
      new OneForOneStrategy(DeciderBuilder.matchAny(e -> SupervisorStrategy.resume()).build());

  @Test
  void routeeFailuresReachTheRoutersParentOnTheDeployingNode() {
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    // the strategy given in code does not travel: on B the pool escalates, as Pekko's default does
    Props pool = remote(new RoundRobinPool(1).withSupervisorStrategy(RESUME_ALL).props(Props.create(Worker.class)), b);
    ActorRef router;
    try (LogCapture log = new LogCapture(RemoteActorRefProvider.class)) {
      parent.tell(RemoteDeploymentTest.createMessage(pool, "pool"), probe.getRef());
      router = probe.expectMsgClass(T, ActorRef.class);
      assertTrue(log.events().stream().map(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.contains("supervisor strategy of router") && m.contains("is not sent")), "a warning says so");
    }
    router.tell("inc", probe.getRef());
    router.tell("inc", probe.getRef());
    probe.expectMsg(T, 1);
    probe.expectMsg(T, 2);
    router.tell("restart", probe.getRef()); // ArithmeticException: escalated to Parent on A, which restarts the router
    router.tell("inc", probe.getRef());
    probe.expectMsg(T, 1);

    probe.watch(router);
    router.tell("stop", probe.getRef()); // IllegalStateException: Parent stops the router
    probe.expectTerminated(T, router);
    probe.awaitCond(T, () -> {
      parent.tell("children", probe.getRef());
      return probe.expectMsgClass(T, Integer.class) == 0;
    });
    probe.awaitCond(T, () -> remoteDaemon(b).deployedChildren().isEmpty());
  }

  @Test
  void aRouterWhoseRouteeClassIsNotAllowedIsRefused() {
    ActorSystem guarded = nodes.start("Guarded", "troupe.remote.deployment { enable-allow-list = on\n"
        + "allowed-actor-classes = [\"" + Worker.class.getName() + "\"] }");
    startA("");
    TestKit probe = new TestKit(a);
    ActorRef parent = a.actorOf(Props.create(Parent.class, probe.getRef()), "parent");
    parent.tell(RemoteDeploymentTest.createMessage(
        remote(new RoundRobinPool(2).props(Props.create(Worker.class)), guarded), "ok"), probe.getRef());
    ActorRef ok = probe.expectMsgClass(T, ActorRef.class);
    assertEquals(2, routees(ok, probe).size());

    try (LogCapture log = new LogCapture(RemoteSystemDaemon.class)) {
      parent.tell(RemoteDeploymentTest.createMessage(
          remote(new RoundRobinPool(2).props(Props.create(Other.class)), guarded), "refused"), probe.getRef());
      ActorRef refused = probe.expectMsgClass(T, ActorRef.class);
      probe.watch(refused);
      Terminated t = probe.expectMsgClass(T, Terminated.class);
      assertEquals(refused, t.getActor());
      assertFalse(t.getExistenceConfirmed());
      assertEquals(1, RemotingCounters.get(guarded).get(Counter.DROPPED_DEPLOYMENT_REFUSED));
      assertTrue(log.events().stream().map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains(Other.class.getName())
          && m.contains("routees of router") && m.contains("refused")), "logged, naming the routee class");
    }
    probe.awaitCond(T, () -> {
      parent.tell("children", probe.getRef());
      return probe.expectMsgClass(T, Integer.class) == 1;
    });
    assertEquals(1, remoteDaemon(guarded).deployedChildren().size(), "only the allowed router lives there");
  }

  @Test
  void anUntrustedNodeDropsTheRouterDeployment() {
    ActorSystem untrusted = nodes.start("Untrusted", "troupe.remote.artery.untrusted-mode = on");
    startA("");
    TestKit probe = new TestKit(a);
    long before = RemotingCounters.get(untrusted).get(Counter.DROPPED_UNTRUSTED);
    a.actorOf(remote(new RoundRobinPool(2).props(Props.create(Worker.class)), untrusted), "router");
    probe.awaitCond(T, () -> RemotingCounters.get(untrusted).get(Counter.DROPPED_UNTRUSTED) > before);
    assertTrue(remoteDaemon(untrusted).deployedChildren().isEmpty());
  }

  /** A pool of the user's own, with no serializer bound to it. */
  public static final class MyPool extends PoolBase {
    private static final long serialVersionUID = 1L;

    @Override public int nrOfInstances(ActorSystem system) { return 1; }

    @Override public Router createRouter(ActorSystem system) { return new Router(new RoundRobinRoutingLogic()); }
  }

  @Test
  void poolsWithoutAWireFormatAreRefusedAtActorOfNamingTheRouter() {
    startA("");
    Props worker = Props.create(Worker.class);
    List<Supplier<Props>> refused = List.of(
        () -> new SmallestMailboxPool(2).props(worker),
        () -> new ConsistentHashingPool(2).withHashMapper(m -> m).props(worker),
        () -> new MyPool().props(worker),
        () -> new RemoteRouterConfig(new SmallestMailboxPool(2), List.of(addr(a))).props(worker));
    List<String> classes = List.of(SmallestMailboxPool.class.getName(), ConsistentHashingPool.class.getName(),
        MyPool.class.getName(), SmallestMailboxPool.class.getName());
    for (int i = 0; i < refused.size(); i++) {
      Props props = remote(refused.get(i).get(), b);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.actorOf(props, "pool"));
      assertTrue(e.getMessage().contains(classes.get(i)), e.getMessage());
      assertTrue(e.getMessage().contains("only RoundRobinPool, RandomPool and BroadcastPool"), e.getMessage());
    }
    assertTrue(remoteDaemon(b).deployedChildren().isEmpty());
    // the name was not taken
    TestKit probe = new TestKit(a);
    a.actorOf(Props.create(Worker.class), "pool").tell("where", probe.getRef());
    assertEquals("A " + addr(a) + "/user/pool", probe.expectMsgClass(T, String.class));
  }

  @Test
  void groupsAndFromConfigWithoutAnEntryAreRefusedAtActorOf() {
    startA("");
    IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
        () -> a.actorOf(remote(new RoundRobinGroup(List.of("/user/w")).props(), b), "group"));
    assertTrue(group.getMessage().contains(RoundRobinGroup.class.getName()), group.getMessage());
    assertTrue(group.getMessage().contains("group router routes to existing actors by path"), group.getMessage());
    ConfigurationException fromConfig = assertThrows(ConfigurationException.class,
        () -> a.actorOf(remote(FromConfig.getInstance().props(Props.create(Worker.class)), b), "nowhere"));
    assertTrue(fromConfig.getMessage().contains("/nowhere"), fromConfig.getMessage());
    assertTrue(remoteDaemon(b).deployedChildren().isEmpty());
  }
}

package io.troupe.routing;

import static io.troupe.routing.RouteeActors.receiveHandled;
import static io.troupe.routing.RouteeActors.routeesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.Identify;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.Props;
import io.troupe.actor.Terminated;
import io.troupe.routing.RouteeActors.Blocker;
import io.troupe.routing.RouteeActors.Handled;
import io.troupe.routing.RouteeActors.Reporter;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterLifecycleTest {
  static ActorSystem system;

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("RouterLifecycleTest", ConfigFactory.parseString(
        "single-thread-dispatcher {\n"
            + "  type = Dispatcher\n"
            + "  executor = thread-pool-executor\n"
            + "  thread-pool-executor.fixed-pool-size = 1\n"
            + "}"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  private static Set<ActorRef> terminatedRefs(TestKit watcher, int n) {
    Set<ActorRef> out = new HashSet<>();
    for (Object o : watcher.receiveN(n, Duration.ofSeconds(5))) {
      assertTrue(o instanceof Terminated, "expected Terminated, got " + o);
      out.add(((Terminated) o).getActor());
    }
    return out;
  }

  @Test
  void getRoutees_answersWithThePoolsChildren() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(3).props(Props.create(Reporter.class, probe.getRef())), "three");
    probe.send(router, GetRoutees.getInstance());
    Routees routees = probe.expectMsgClass(Routees.class);
    assertEquals(3, routees.getRoutees().size());
    Set<ActorRef> distinct = new HashSet<>();
    for (Routee r : routees.getRoutees()) {
      ActorRef ref = ((ActorRefRoutee) r).getRef();
      assertEquals(router.path(), ref.path().parent(), "a pool routee is a child of the router");
      distinct.add(ref);
    }
    assertEquals(3, distinct.size());
  }

  @Test
  void getRoutees_answersWithSelectionsForAGroup() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RandomGroup(List.of("/user/x", "/user/y")).props());
    probe.send(router, GetRoutees.getInstance());
    List<Routee> routees = probe.expectMsgClass(Routees.class).getRoutees();
    assertEquals(2, routees.size());
    assertEquals("/user/x", ((ActorSelectionRoutee) routees.get(0)).selection().pathString());
    assertEquals("/user/y", ((ActorSelectionRoutee) routees.get(1)).selection().pathString());
  }

  @Test
  void broadcastEnvelope_reachesEveryRouteeOfAnyRouter() {
    List<RouterConfig> kinds = List.of(new RoundRobinPool(3), new RandomPool(3), new SmallestMailboxPool(3),
        new ConsistentHashingPool(3), new BroadcastPool(3));
    for (RouterConfig kind : kinds) {
      TestKit probe = new TestKit(system);
      ActorRef router = system.actorOf(((Pool) kind).props(Props.create(Reporter.class, probe.getRef())));
      List<ActorRef> routees = routeesOf(new TestKit(system), router);
      router.tell(new Broadcast("to-all"), ActorRef.noSender());
      Set<ActorRef> reached = new HashSet<>();
      for (Handled h : receiveHandled(probe, 3)) {
        assertEquals("to-all", h.message(), "the routee gets the content, not the envelope (" + kind + ")");
        reached.add(h.routee());
      }
      assertEquals(Set.copyOf(routees), reached, kind.toString());
    }
  }

  @Test
  void broadcastEnvelope_reachesEveryPathOfAGroup() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Reporter.class, probe.getRef()), "ga");
    ActorRef b = system.actorOf(Props.create(Reporter.class, probe.getRef()), "gb");
    ActorRef router = system.actorOf(new RoundRobinGroup(List.of("/user/ga", "/user/gb")).props());
    router.tell(new Broadcast("to-all"), ActorRef.noSender());
    Set<ActorRef> reached = new HashSet<>();
    for (Handled h : receiveHandled(probe, 2)) reached.add(h.routee());
    assertEquals(Set.of(a, b), reached);
  }

  @Test
  void poisonPill_stopsTheRouterAndItsPoolRoutees() {
    TestKit probe = new TestKit(system);
    TestKit watcher = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(3).props(Props.create(Reporter.class, probe.getRef())));
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    routees.forEach(watcher::watch);
    watcher.watch(router);
    router.tell(PoisonPill.getInstance(), ActorRef.noSender());
    Set<ActorRef> expected = new HashSet<>(routees);
    expected.add(router);
    assertEquals(expected, terminatedRefs(watcher, 4));
    probe.expectNoMessage();
  }

  @Test
  void broadcastPoisonPill_stopsTheRouteesAndThenTheRouter() {
    TestKit probe = new TestKit(system);
    TestKit watcher = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(3).props(Props.create(Reporter.class, probe.getRef())));
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    routees.forEach(watcher::watch);
    watcher.watch(router);
    router.tell(new Broadcast(PoisonPill.getInstance()), ActorRef.noSender());
    // the router itself only got the routees' PoisonPills: it stops because its routees are gone (the order of the
    // Terminated messages from different actors is not defined)
    Set<ActorRef> expected = new HashSet<>(routees);
    expected.add(router);
    assertEquals(expected, terminatedRefs(watcher, 4));
  }

  @Test
  void router_stopsItselfWhenAllRouteesHaveTerminated_andDropsEachFromItsRoutees() {
    TestKit probe = new TestKit(system);
    TestKit watcher = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(2).props(Props.create(Reporter.class, probe.getRef())));
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    watcher.watch(router);
    watcher.watch(routees.get(0));
    routees.get(0).tell(PoisonPill.getInstance(), ActorRef.noSender());
    watcher.expectTerminated(routees.get(0));
    TestKit asker = new TestKit(system);
    asker.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(List.of(routees.get(1)), routeesOf(asker, router));
      return null;
    });
    // with one routee left every message goes to it
    router.tell("after", ActorRef.noSender());
    assertEquals(routees.get(1), probe.expectMsgClass(Handled.class).routee());
    system.stop(routees.get(1));
    watcher.expectTerminated(router);
  }

  @Test
  void pool_whoseRouteesFailToStart_stopsItself() {
    TestKit watcher = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(3).props(Props.create(RouteeActors.FailsToStart.class)));
    watcher.watch(router);
    watcher.expectTerminated(router);
  }

  @Test
  void routeeThatCannotBeCreated_failsActorOf_andTheRouterGoesAway() {
    Props badRoutee = Props.create(Reporter.class, system.deadLetters()).withMailbox("no-such-mailbox");
    io.troupe.ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(io.troupe.ConfigurationException.class,
        () -> system.actorOf(new RoundRobinPool(2).props(badRoutee), "broken-pool"));
    assertTrue(e.getMessage().contains("no-such-mailbox"), e.getMessage());
    // the half-made router stops, which frees its name
    TestKit probe = new TestKit(system);
    probe.awaitAssert(Duration.ofSeconds(5), () -> system.actorOf(Props.create(Reporter.class, probe.getRef()), "broken-pool"));
  }

  @Test
  void messagesToAStoppedRouter_becomeDeadLetters() {
    TestKit probe = new TestKit(system);
    TestKit watcher = new TestKit(system);
    TestKit deadLetters = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(2).props(Props.create(Reporter.class, probe.getRef())));
    watcher.watch(router);
    system.stop(router);
    watcher.expectTerminated(router);
    system.getEventStream().subscribe(deadLetters.getRef(), DeadLetter.class);
    router.tell("late", ActorRef.noSender());
    DeadLetter d = deadLetters.expectMsgClass(DeadLetter.class);
    assertEquals("late", d.message());
    assertEquals(router, d.recipient());
    probe.expectNoMessage();
    system.getEventStream().unsubscribe(deadLetters.getRef());
  }

  @Test
  void identify_isAnsweredByTheRouterItself() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(2).props(Props.create(Reporter.class, probe.getRef())));
    probe.send(router, new Identify("who"));
    ActorIdentity id = probe.expectMsgClass(ActorIdentity.class);
    assertEquals(router, id.getActorRef().orElseThrow());
  }

  /**
   * The router actor runs on a one-thread dispatcher that another actor keeps blocked, so the router actor cannot
   * process anything; messages must still reach the routees, because they are routed on the sender's thread.
   */
  @Test
  void ordinaryMessages_areRoutedOnTheSendersThread_withoutTheRouterActor() {
    TestKit probe = new TestKit(system);
    CountDownLatch latch = new CountDownLatch(1);
    try {
      ActorRef blocker = system.actorOf(Props.create(Blocker.class, probe.getRef(), latch)
          .withDispatcher("single-thread-dispatcher"));
      blocker.tell("block", ActorRef.noSender());
      probe.expectMsgClass(Handled.class);
      ActorRef router = system.actorOf(new RoundRobinPool(2).withDispatcher("single-thread-dispatcher")
          .props(Props.create(Reporter.class, probe.getRef())));
      for (int i = 0; i < 4; i++) router.tell(i, ActorRef.noSender());
      Set<ActorRef> routees = new HashSet<>();
      for (Handled h : receiveHandled(probe, 4)) routees.add(h.routee());
      assertEquals(2, routees.size());
      // management messages wait for the router actor
      TestKit asker = new TestKit(system);
      asker.send(router, GetRoutees.getInstance());
      asker.expectNoMessage(Duration.ofMillis(200));
      latch.countDown();
      assertEquals(2, asker.expectMsgClass(Routees.class).getRoutees().size());
    } finally {
      latch.countDown();
    }
  }

  @Test
  void addAndRemoveRoutee_changeWhereMessagesGo() {
    TestKit probe = new TestKit(system);
    ActorRef extra = system.actorOf(Props.create(Reporter.class, probe.getRef()), "extra");
    ActorRef router = system.actorOf(new RoundRobinPool(1).props(Props.create(Reporter.class, probe.getRef())));
    ActorRef original = routeesOf(new TestKit(system), router).get(0);
    TestKit admin = new TestKit(system);
    admin.send(router, new AddRoutee(new ActorRefRoutee(extra)));
    assertEquals(List.of(original, extra), routeesOf(admin, router));
    admin.send(router, new RemoveRoutee(new ActorRefRoutee(original)));
    assertEquals(List.of(extra), routeesOf(admin, router));
    TestKit watcher = new TestKit(system);
    watcher.watch(original);
    watcher.expectTerminated(original);
    router.tell("only-extra", ActorRef.noSender());
    Handled h = probe.expectMsgClass(Handled.class);
    assertEquals(extra, h.routee());
  }

  @Test
  void adjustPoolSize_growsAndShrinksThePool() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(2).props(Props.create(Reporter.class, probe.getRef())));
    TestKit admin = new TestKit(system);
    List<ActorRef> before = routeesOf(admin, router);
    admin.send(router, new AdjustPoolSize(2));
    List<ActorRef> grown = routeesOf(admin, router);
    assertEquals(4, grown.size());
    assertEquals(before, grown.subList(0, 2));
    TestKit watcher = new TestKit(system);
    List<ActorRef> dropped = new ArrayList<>(grown.subList(1, 4));
    dropped.forEach(watcher::watch);
    admin.send(router, new AdjustPoolSize(-3));
    assertEquals(List.of(grown.get(0)), routeesOf(admin, router));
    assertEquals(Set.copyOf(dropped), terminatedRefs(watcher, 3));
  }
}

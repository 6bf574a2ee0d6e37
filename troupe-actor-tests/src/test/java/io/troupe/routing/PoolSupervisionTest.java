package io.troupe.routing;

import static io.troupe.routing.RouteeActors.receiveHandled;
import static io.troupe.routing.RouteeActors.routeesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.routing.RouteeActors.Counter;
import io.troupe.routing.RouteeActors.Restarted;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolSupervisionTest {
  static ActorSystem system;

  static final SupervisorStrategy RESTART_ON_ILLEGAL_STATE = new OneForOneStrategy(
      DeciderBuilder.match(IllegalStateException.class, e -> SupervisorStrategy.restart()).build());

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("PoolSupervisionTest", ConfigFactory.parseString(
        "troupe.actor.deployment./configured { router = round-robin-pool, nr-of-instances = 3 }"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  /** Creates a router as its child; reports each failure escalated to it as "escalated: message", then restarts. */
  public static class Parent extends AbstractActor {
    private final ActorRef probe;
    private final Props routerProps;
    private ActorRef router;

    public Parent(ActorRef probe, Props routerProps) {
      this.probe = probe;
      this.routerProps = routerProps;
    }

    @Override public void preStart() { router = getContext().actorOf(routerProps, "router"); }

    @Override
    public SupervisorStrategy supervisorStrategy() {
      return new OneForOneStrategy(DeciderBuilder.matchAny(e -> {
        probe.tell("escalated: " + e.getMessage(), ActorRef.noSender());
        return SupervisorStrategy.restart();
      }).build());
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchEquals("router", m -> getSender().tell(router, getSelf())).build();
    }
  }

  private static int countOf(ActorRef routee) {
    TestKit asker = new TestKit(system);
    asker.send(routee, "count");
    return asker.expectMsgClass(Integer.class);
  }

  /** Sends one message to each routee of a round-robin router of n, so each has count 1. */
  private static void oneEach(TestKit probe, ActorRef router, int n) {
    for (int i = 0; i < n; i++) router.tell("x" + i, ActorRef.noSender());
    receiveHandled(probe, n);
  }

  @Test
  void defaultStrategy_escalatesToTheRoutersParent_whoseRestartRestartsAllRoutees() {
    TestKit probe = new TestKit(system);
    ActorRef parent = system.actorOf(Props.create(Parent.class, probe.getRef(),
        new RoundRobinPool(3).props(Props.create(Counter.class, probe.getRef()))));
    TestKit asker = new TestKit(system);
    asker.send(parent, "router");
    ActorRef router = asker.expectMsgClass(ActorRef.class);
    List<ActorRef> routees = routeesOf(asker, router);
    oneEach(probe, router, 3);

    router.tell("fail", ActorRef.noSender()); // round robin: the first routee
    assertEquals("escalated: boom", probe.expectMsgClass(String.class), "the router's parent decides");
    Set<ActorRef> restarted = new HashSet<>();
    for (Object o : probe.receiveN(3, Duration.ofSeconds(5))) {
      assertTrue(o instanceof Restarted, "expected a restart report, got " + o);
      assertEquals("boom", ((Restarted) o).cause());
      restarted.add(((Restarted) o).routee());
    }
    assertEquals(Set.copyOf(routees), restarted, "restarting the router restarts every routee");
    assertEquals(routees, routeesOf(asker, router), "the routees themselves (refs, mailboxes) stay");
    for (ActorRef r : routees) assertEquals(0, countOf(r), "state of " + r + " was reset");
  }

  @Test
  void withSupervisorStrategy_restartsOnlyTheFailedRoutee() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(3).withSupervisorStrategy(RESTART_ON_ILLEGAL_STATE)
        .props(Props.create(Counter.class, probe.getRef())));
    assertOnlyFailedRouteeRestarts(probe, router);
  }

  @Test
  void fromConfig_takesTheSupervisorStrategyGivenInCode() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(FromConfig.getInstance().withSupervisorStrategy(RESTART_ON_ILLEGAL_STATE)
        .props(Props.create(Counter.class, probe.getRef())), "configured");
    assertOnlyFailedRouteeRestarts(probe, router);
  }

  private static void assertOnlyFailedRouteeRestarts(TestKit probe, ActorRef router) {
    TestKit asker = new TestKit(system);
    List<ActorRef> routees = routeesOf(asker, router);
    assertEquals(3, routees.size());
    oneEach(probe, router, 3);
    router.tell("fail", ActorRef.noSender()); // round robin: the first routee
    Restarted r = probe.expectMsgClass(Restarted.class);
    assertEquals(routees.get(0), r.routee());
    assertEquals(0, countOf(routees.get(0)), "the failed routee starts afresh");
    assertEquals(1, countOf(routees.get(1)), "the others keep their state");
    assertEquals(1, countOf(routees.get(2)), "the others keep their state");
    assertEquals(routees, routeesOf(asker, router));
  }

  @Test
  void stoppingStrategy_stopsTheFailedRouteeAndDropsItFromTheRoutees() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(2).withSupervisorStrategy(SupervisorStrategy.stoppingStrategy())
        .props(Props.create(Counter.class, probe.getRef())));
    TestKit asker = new TestKit(system);
    List<ActorRef> routees = routeesOf(asker, router);
    TestKit watcher = new TestKit(system);
    watcher.watch(routees.get(0));
    router.tell("fail", ActorRef.noSender());
    watcher.expectTerminated(routees.get(0));
    asker.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(List.of(routees.get(1)), routeesOf(asker, router));
      return null;
    });
  }
}

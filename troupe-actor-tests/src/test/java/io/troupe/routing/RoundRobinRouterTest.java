package io.troupe.routing;

import static io.troupe.routing.RouteeActors.receiveHandled;
import static io.troupe.routing.RouteeActors.routeesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.routing.RouteeActors.Handled;
import io.troupe.routing.RouteeActors.Reporter;
import io.troupe.testkit.javadsl.TestKit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoundRobinRouterTest {
  static ActorSystem system;

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("RoundRobinRouterTest", ConfigFactory.parseString(
        "troupe.actor.deployment {\n"
            + "  /pool-from-config { router = round-robin-pool, nr-of-instances = 4 }\n"
            + "  /group-from-config { router = round-robin-group, routees.paths = [\"/user/c1\", \"/user/c2\", \"/user/c3\"] }\n"
            + "}"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  /** Sends 0..3n-1 from one sender and checks that message i reached {@code routees[i % n]}. */
  private static void assertInTurn(TestKit probe, ActorRef router, List<ActorRef> routees) {
    int n = routees.size();
    for (int i = 0; i < 3 * n; i++) router.tell(i, ActorRef.noSender());
    Map<Object, ActorRef> handledBy = new HashMap<>();
    for (Handled h : receiveHandled(probe, 3 * n)) handledBy.put(h.message(), h.routee());
    for (int i = 0; i < 3 * n; i++) assertEquals(routees.get(i % n), handledBy.get(i), "routee of message " + i);
  }

  @Test
  void poolFromCode_routesToEachRouteeInTurn() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RoundRobinPool(3).props(Props.create(Reporter.class, probe.getRef())));
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(3, routees.size());
    assertInTurn(probe, router, routees);
  }

  @Test
  void poolFromConfig_routesToEachRouteeInTurn_withConfiguredNrOfInstances() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(FromConfig.getInstance().props(Props.create(Reporter.class, probe.getRef())),
        "pool-from-config");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(4, routees.size(), "nr-of-instances from config");
    assertInTurn(probe, router, routees);
  }

  @Test
  void groupFromCode_routesToEachPathInTurn() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Reporter.class, probe.getRef()), "a1");
    ActorRef b = system.actorOf(Props.create(Reporter.class, probe.getRef()), "a2");
    ActorRef router = system.actorOf(new RoundRobinGroup(List.of("/user/a1", "/user/a2")).props());
    assertInTurn(probe, router, List.of(a, b));
  }

  @Test
  void groupFromConfig_routesToEachConfiguredPathInTurn() {
    TestKit probe = new TestKit(system);
    ActorRef c1 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c1");
    ActorRef c2 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c2");
    ActorRef c3 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c3");
    ActorRef router = system.actorOf(FromConfig.getInstance().props(), "group-from-config");
    assertInTurn(probe, router, List.of(c1, c2, c3));
  }
}

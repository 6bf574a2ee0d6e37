package io.troupe.routing;

import static io.troupe.routing.RouteeActors.receiveHandled;
import static io.troupe.routing.RouteeActors.routeesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.routing.RouteeActors.Handled;
import io.troupe.routing.RouteeActors.Reporter;
import io.troupe.testkit.javadsl.TestKit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RandomRouterTest {
  static ActorSystem system;
  static final int MESSAGES = 200;

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("RandomRouterTest", ConfigFactory.parseString(
        "troupe.actor.deployment {\n"
            + "  /pool-from-config { router = random-pool, nr-of-instances = 5 }\n"
            + "  /group-from-config { router = random-group, routees.paths = [\"/user/c1\", \"/user/c2\", \"/user/c3\"] }\n"
            + "}"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  /**
   * Every message is handled exactly once, by one of {@code routees}, and more than one routee is used (all of 200
   * messages going to one of n routees has probability n^-199).
   */
  private static void assertSpreadOver(TestKit probe, ActorRef router, List<ActorRef> routees) {
    for (int i = 0; i < MESSAGES; i++) router.tell(i, ActorRef.noSender());
    Set<ActorRef> used = new HashSet<>();
    Set<Object> seen = new HashSet<>();
    for (Handled h : receiveHandled(probe, MESSAGES)) {
      assertTrue(routees.contains(h.routee()), "handled by a routee: " + h);
      assertTrue(seen.add(h.message()), "handled once: " + h.message());
      used.add(h.routee());
    }
    assertTrue(used.size() > 1, "more than one routee used, but only " + used);
  }

  @Test
  void poolFromCode_spreadsMessagesOverRoutees() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new RandomPool(4).props(Props.create(Reporter.class, probe.getRef())));
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(4, routees.size());
    assertSpreadOver(probe, router, routees);
  }

  @Test
  void poolFromConfig_spreadsMessagesOverConfiguredNumberOfRoutees() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(FromConfig.getInstance().props(Props.create(Reporter.class, probe.getRef())),
        "pool-from-config");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(5, routees.size(), "nr-of-instances from config");
    assertSpreadOver(probe, router, routees);
  }

  @Test
  void groupFromCode_spreadsMessagesOverPaths() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Reporter.class, probe.getRef()), "a1");
    ActorRef b = system.actorOf(Props.create(Reporter.class, probe.getRef()), "a2");
    ActorRef router = system.actorOf(new RandomGroup(List.of(a.path().toStringWithoutAddress(), "/user/a2")).props());
    assertSpreadOver(probe, router, List.of(a, b));
  }

  @Test
  void groupFromConfig_spreadsMessagesOverConfiguredPaths() {
    TestKit probe = new TestKit(system);
    ActorRef c1 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c1");
    ActorRef c2 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c2");
    ActorRef c3 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c3");
    ActorRef router = system.actorOf(FromConfig.getInstance().props(), "group-from-config");
    assertSpreadOver(probe, router, List.of(c1, c2, c3));
  }
}

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BroadcastRouterTest {
  static ActorSystem system;

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("BroadcastRouterTest", ConfigFactory.parseString(
        "troupe.actor.deployment {\n"
            + "  /pool-from-config { router = broadcast-pool, nr-of-instances = 3 }\n"
            + "  /group-from-config { router = broadcast-group, routees.paths = [\"/user/c1\", \"/user/c2\"] }\n"
            + "}"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  /** Each of two messages reaches every routee exactly once. */
  private static void assertEveryRouteeGetsEveryMessage(TestKit probe, ActorRef router, List<ActorRef> routees) {
    router.tell("m1", ActorRef.noSender());
    router.tell("m2", ActorRef.noSender());
    Map<Object, List<ActorRef>> receivers = new HashMap<>();
    for (Handled h : receiveHandled(probe, 2 * routees.size())) {
      receivers.computeIfAbsent(h.message(), k -> new ArrayList<>()).add(h.routee());
    }
    assertEquals(Set.of("m1", "m2"), receivers.keySet());
    for (List<ActorRef> got : receivers.values()) {
      assertEquals(routees.size(), got.size(), "one delivery per routee: " + got);
      assertEquals(Set.copyOf(routees), Set.copyOf(got));
    }
    probe.expectNoMessage();
  }

  @Test
  void poolFromCode_sendsEveryMessageToAllRoutees() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new BroadcastPool(4).props(Props.create(Reporter.class, probe.getRef())));
    assertEveryRouteeGetsEveryMessage(probe, router, routeesOf(new TestKit(system), router));
  }

  @Test
  void poolFromConfig_sendsEveryMessageToAllConfiguredRoutees() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(FromConfig.getInstance().props(Props.create(Reporter.class, probe.getRef())),
        "pool-from-config");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(3, routees.size(), "nr-of-instances from config");
    assertEveryRouteeGetsEveryMessage(probe, router, routees);
  }

  @Test
  void groupFromCode_sendsEveryMessageToAllPaths() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Reporter.class, probe.getRef()), "a1");
    ActorRef b = system.actorOf(Props.create(Reporter.class, probe.getRef()), "a2");
    ActorRef router = system.actorOf(new BroadcastGroup(List.of("/user/a1", "/user/a2")).props());
    assertEveryRouteeGetsEveryMessage(probe, router, List.of(a, b));
  }

  @Test
  void groupFromConfig_sendsEveryMessageToAllConfiguredPaths() {
    TestKit probe = new TestKit(system);
    ActorRef c1 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c1");
    ActorRef c2 = system.actorOf(Props.create(Reporter.class, probe.getRef()), "c2");
    ActorRef router = system.actorOf(FromConfig.getInstance().props(), "group-from-config");
    assertEveryRouteeGetsEveryMessage(probe, router, List.of(c1, c2));
  }
}

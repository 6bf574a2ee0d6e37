package io.troupe.routing;

import static io.troupe.routing.RouteeActors.receiveHandled;
import static io.troupe.routing.RouteeActors.routeesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.routing.RouteeActors.Blocker;
import io.troupe.routing.RouteeActors.Handled;
import io.troupe.testkit.javadsl.TestKit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmallestMailboxRouterTest {
  static ActorSystem system;

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("SmallestMailboxRouterTest", ConfigFactory.parseString(
        "troupe.actor.deployment./pool-from-config { router = smallest-mailbox-pool, nr-of-instances = 2 }"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  /**
   * One routee is kept busy: it blocks on a latch while five more messages wait in its mailbox. Every message routed
   * meanwhile must go to the other routee, whose mailbox never holds more than the three sent. Without blocking, the
   * busy routee would be indistinguishable from an idle one, so the latch is what makes this deterministic.
   */
  private static void assertPrefersTheLessBusyRoutee(TestKit probe, ActorRef router, CountDownLatch latch) {
    try {
      List<ActorRef> routees = routeesOf(new TestKit(system), router);
      assertEquals(2, routees.size());
      router.tell("block", ActorRef.noSender());
      Handled blocked = probe.expectMsgClass(Handled.class);
      assertEquals("block", blocked.message());
      ActorRef busy = blocked.routee();
      ActorRef other = routees.get(0).equals(busy) ? routees.get(1) : routees.get(0);
      for (int i = 0; i < 5; i++) busy.tell("queued-" + i, ActorRef.noSender());

      for (int i = 0; i < 3; i++) router.tell("work-" + i, ActorRef.noSender());
      for (Handled h : receiveHandled(probe, 3)) {
        assertEquals(other, h.routee(), "routed to the idle routee: " + h);
        assertTrue(h.message().toString().startsWith("work-"));
      }
      latch.countDown();
      for (Handled h : receiveHandled(probe, 5)) assertEquals(busy, h.routee());
    } finally {
      latch.countDown();
    }
  }

  @Test
  void poolFromCode_prefersAnIdleRouteeOverABusyOne() {
    TestKit probe = new TestKit(system);
    CountDownLatch latch = new CountDownLatch(1);
    ActorRef router = system.actorOf(new SmallestMailboxPool(2).props(Props.create(Blocker.class, probe.getRef(), latch)));
    assertPrefersTheLessBusyRoutee(probe, router, latch);
  }

  @Test
  void poolFromConfig_prefersAnIdleRouteeOverABusyOne() {
    TestKit probe = new TestKit(system);
    CountDownLatch latch = new CountDownLatch(1);
    ActorRef router = system.actorOf(FromConfig.getInstance().props(Props.create(Blocker.class, probe.getRef(), latch)),
        "pool-from-config");
    assertPrefersTheLessBusyRoutee(probe, router, latch);
  }
}

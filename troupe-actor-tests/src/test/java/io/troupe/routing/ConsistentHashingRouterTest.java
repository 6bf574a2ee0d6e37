package io.troupe.routing;

import static io.troupe.routing.RouteeActors.receiveHandled;
import static io.troupe.routing.RouteeActors.routeesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.Props;
import io.troupe.routing.ConsistentHashingRouter.ConsistentHashable;
import io.troupe.routing.ConsistentHashingRouter.ConsistentHashableEnvelope;
import io.troupe.routing.RouteeActors.Handled;
import io.troupe.routing.RouteeActors.Reporter;
import io.troupe.testkit.javadsl.TestKit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsistentHashingRouterTest {
  static ActorSystem system;
  static final int KEYS = 40;
  static final int ROUNDS = 3;

  /** A message carrying its own key. */
  record Keyed(String key, int round) implements ConsistentHashable {
    @Override public Object consistentHashKey() { return key; }
  }

  /** A message whose key only a hash mapper knows. */
  record Plain(int id, int round) {}

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("ConsistentHashingRouterTest", ConfigFactory.parseString(
        "troupe.actor.deployment {\n"
            + "  /pool-from-config { router = consistent-hashing-pool, nr-of-instances = 4, virtual-nodes-factor = 7 }\n"
            + "  /mapped-from-config { router = consistent-hashing-pool, nr-of-instances = 3 }\n"
            + "  /group-from-config { router = consistent-hashing-group, routees.paths = [\"/user/c1\", \"/user/c2\", \"/user/c3\"] }\n"
            + "}"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  /**
   * Sends ROUNDS messages for each of KEYS keys, interleaved, then checks that all messages of a key reached the same
   * routee and that the keys are spread over more than one routee (40 keys all on one of n routees would take a
   * broken ring).
   */
  private static void assertSameKeySameRoutee(TestKit probe, ActorRef router, List<ActorRef> routees,
                                              Function<Integer, Object> messageForKey, Function<Object, Integer> keyOf) {
    for (int round = 0; round < ROUNDS; round++) {
      for (int k = 0; k < KEYS; k++) router.tell(messageForKey.apply(k * 1000 + round), ActorRef.noSender());
    }
    Map<Integer, Set<ActorRef>> routeesByKey = new HashMap<>();
    for (Handled h : receiveHandled(probe, KEYS * ROUNDS)) {
      assertTrue(routees.contains(h.routee()), "handled by a routee: " + h);
      routeesByKey.computeIfAbsent(keyOf.apply(h.message()), k -> new HashSet<>()).add(h.routee());
    }
    assertEquals(KEYS, routeesByKey.size());
    Set<ActorRef> used = new HashSet<>();
    routeesByKey.forEach((key, rs) -> {
      assertEquals(1, rs.size(), "key " + key + " went to " + rs);
      used.addAll(rs);
    });
    assertTrue(used.size() > 1, "keys spread over more than one routee: " + used);
  }

  private static void assertEnvelopesOfEqualKeysReachOneRoutee(TestKit probe, ActorRef router, List<ActorRef> routees) {
    // the routee receives the payload, not the envelope
    assertSameKeySameRoutee(probe, router, routees,
        n -> new ConsistentHashableEnvelope("payload-" + n, "key-" + (n / 1000)),
        m -> Integer.parseInt(m.toString().substring("payload-".length())) / 1000);
  }

  @Test
  void poolFromCode_sendsEqualKeysToOneRoutee() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new ConsistentHashingPool(5).props(Props.create(Reporter.class, probe.getRef())));
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(5, routees.size());
    assertEnvelopesOfEqualKeysReachOneRoutee(probe, router, routees);
  }

  @Test
  void poolFromCode_usesTheKeyOfConsistentHashableMessages() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new ConsistentHashingPool(4).props(Props.create(Reporter.class, probe.getRef())));
    assertSameKeySameRoutee(probe, router, routeesOf(new TestKit(system), router),
        n -> new Keyed("key-" + (n / 1000), n % 1000), m -> Integer.parseInt(((Keyed) m).key().substring(4)));
  }

  @Test
  void poolFromCode_usesTheHashMapperFirst() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new ConsistentHashingPool(4)
        .withHashMapper(m -> m instanceof Plain ? ((Plain) m).id() : null)
        .props(Props.create(Reporter.class, probe.getRef())));
    assertSameKeySameRoutee(probe, router, routeesOf(new TestKit(system), router),
        n -> new Plain(n / 1000, n % 1000), m -> ((Plain) m).id());
  }

  @Test
  void poolFromConfig_sendsEqualKeysToOneRoutee() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(FromConfig.getInstance().props(Props.create(Reporter.class, probe.getRef())),
        "pool-from-config");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(4, routees.size(), "nr-of-instances from config");
    assertEnvelopesOfEqualKeysReachOneRoutee(probe, router, routees);
  }

  @Test
  void poolFromConfig_takesTheHashMapperFromCode() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(new ConsistentHashingPool(1)
        .withHashMapper(m -> m instanceof Plain ? ((Plain) m).id() : null)
        .props(Props.create(Reporter.class, probe.getRef())), "mapped-from-config");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(3, routees.size(), "config's nr-of-instances wins over code's");
    assertSameKeySameRoutee(probe, router, routees, n -> new Plain(n / 1000, n % 1000), m -> ((Plain) m).id());
  }

  @Test
  void groupFromCode_sendsEqualKeysToOnePath() {
    TestKit probe = new TestKit(system);
    List<ActorRef> targets = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      targets.add(system.actorOf(Props.create(Reporter.class, probe.getRef()), "a" + i));
      paths.add("/user/a" + i);
    }
    ActorRef router = system.actorOf(new ConsistentHashingGroup(paths).props());
    assertEnvelopesOfEqualKeysReachOneRoutee(probe, router, targets);
  }

  @Test
  void groupFromConfig_sendsEqualKeysToOneConfiguredPath() {
    TestKit probe = new TestKit(system);
    List<ActorRef> targets = new ArrayList<>();
    for (int i = 1; i <= 3; i++) targets.add(system.actorOf(Props.create(Reporter.class, probe.getRef()), "c" + i));
    ActorRef router = system.actorOf(FromConfig.getInstance().props(), "group-from-config");
    assertEnvelopesOfEqualKeysReachOneRoutee(probe, router, targets);
  }

  @Test
  void messageWithoutKey_becomesADeadLetterNamingTheRouter() {
    TestKit probe = new TestKit(system);
    TestKit deadLetters = new TestKit(system);
    system.getEventStream().subscribe(deadLetters.getRef(), DeadLetter.class);
    ActorRef router = system.actorOf(new ConsistentHashingPool(2).props(Props.create(Reporter.class, probe.getRef())));
    router.tell("no key", ActorRef.noSender());
    DeadLetter d = deadLetters.expectMsgClass(DeadLetter.class);
    assertEquals("no key", d.message());
    assertEquals(router, d.recipient());
    probe.expectNoMessage();
    system.getEventStream().unsubscribe(deadLetters.getRef());
  }

  @Test
  void ring_placesKeysStablyAndMovesFewKeysWhenANodeIsAdded() {
    List<String> nodes = List.of("n1", "n2", "n3", "n4");
    ConsistentHash<String> ring = ConsistentHash.create(nodes, 10);
    ConsistentHash<String> same = ConsistentHash.create(List.of("n4", "n3", "n2", "n1"), 10);
    List<String> more = new ArrayList<>(nodes);
    more.add("n5");
    ConsistentHash<String> bigger = ConsistentHash.create(more, 10);
    int moved = 0;
    for (int k = 0; k < 1000; k++) {
      String key = "key-" + k;
      assertEquals(ring.nodeFor(key), same.nodeFor(key), "placement does not depend on node order");
      String after = bigger.nodeFor(key);
      if (!after.equals(ring.nodeFor(key))) {
        moved++;
        assertEquals("n5", after, "a key only moves to the new node");
      }
    }
    assertTrue(moved > 0 && moved < 500, "a fifth of the keys, roughly, move to the new node: " + moved);
  }
}

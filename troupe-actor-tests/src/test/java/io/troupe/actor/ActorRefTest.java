package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ActorRef identity: path plus uid. */
class ActorRefTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("ActorRefTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  static class Echo extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  private static ActorRefProvider provider() {
    return ((ExtendedActorSystem) system).provider();
  }

  private ActorRef stopAndRecreate(TestKit probe, ActorRef old, String name) {
    probe.watch(old);
    system.stop(old);
    probe.expectTerminated(old);
    // the guardian frees the name when it has processed the death, which may come just after our Terminated
    return probe.awaitAssert(Duration.ofSeconds(3), () -> system.actorOf(Props.create(Echo.class), name));
  }

  @Test
  void shouldNotEqualOldRefWhenNewActorHasSameName() {
    TestKit probe = new TestKit(system);
    ActorRef first = system.actorOf(Props.create(Echo.class), "reused");
    ActorRef second = stopAndRecreate(probe, first, "reused");
    assertEquals(first.path(), second.path(), "paths ignore the uid");
    assertNotEquals(first.path().uid(), second.path().uid());
    assertNotEquals(first, second);
    assertNotEquals(second, first);
    assertNotEquals(0, first.compareTo(second));
    assertEquals(-Integer.signum(first.compareTo(second)), Integer.signum(second.compareTo(first)));
  }

  @Test
  void shouldDeliverToDeadLettersNotNewActorWhenOldRefUsed() {
    TestKit probe = new TestKit(system);
    TestKit deadLetters = new TestKit(system);
    system.getEventStream().subscribe(deadLetters.getRef(), DeadLetter.class);
    try {
      ActorRef first = system.actorOf(Props.create(Echo.class), "old-and-new");
      ActorRef second = stopAndRecreate(probe, first, "old-and-new");
      first.tell("for the old one", probe.getRef());
      // other tests' leftovers may show up on the event stream: look for ours
      DeadLetter d = (DeadLetter) deadLetters.fishForMessage(Duration.ofSeconds(3), "dead letter to the old ref",
          o -> o instanceof DeadLetter && ((DeadLetter) o).recipient().equals(first));
      assertEquals("for the old one", d.message());
      assertEquals(first, d.recipient());
      probe.expectNoMessage();
      second.tell("for the new one", probe.getRef());
      probe.expectMsg("for the new one");
    } finally {
      system.getEventStream().unsubscribe(deadLetters.getRef());
    }
  }

  @Test
  void shouldEqualRefsResolvedFromItsPathWhenAlive() throws Exception {
    ActorRef a = system.actorOf(Props.create(Echo.class), "resolvable");
    ActorRef bySelection = system.actorSelection("/user/resolvable").resolveOne(Duration.ofSeconds(3))
        .toCompletableFuture().get(3, TimeUnit.SECONDS);
    assertEquals(a, bySelection);
    assertEquals(a.hashCode(), bySelection.hashCode());
    assertEquals(a, provider().resolveActorRef(a.path().toSerializationFormat()));
    assertEquals(a, provider().resolveActorRef(a.path().toString()), "a path without uid finds the live incarnation");
  }

  @Test
  void shouldNotResolveToNewActorWhenSerializedPathCarriesOldUid() {
    TestKit probe = new TestKit(system);
    ActorRef first = system.actorOf(Props.create(Echo.class), "incarnations");
    String oldFormat = first.path().toSerializationFormat();
    ActorRef second = stopAndRecreate(probe, first, "incarnations");
    ActorRef resolved = provider().resolveActorRef(oldFormat);
    assertNotEquals(second, resolved);
    assertEquals(second, provider().resolveActorRef(second.path().toSerializationFormat()));
  }

  @Test
  void shouldRenderPathAndUidWhenPrinted() {
    ActorRef a = system.actorOf(Props.create(Echo.class), "printed");
    assertEquals("Actor[troupe://ActorRefTest/user/printed#" + a.path().uid() + "]", a.toString());
    assertTrue(a.path().uid() != ActorPath.UNDEFINED_UID);
  }

  @Test
  void shouldSortByPathWhenCompared() {
    List<ActorRef> refs = new ArrayList<>();
    for (String n : List.of("sort-c", "sort-a", "sort-b")) refs.add(system.actorOf(Props.create(Echo.class), n));
    Collections.sort(refs);
    for (int i = 0; i < refs.size(); i++) {
      for (int j = 0; j < refs.size(); j++) {
        int c = refs.get(i).compareTo(refs.get(j));
        assertEquals(i == j, c == 0, refs.get(i) + " vs " + refs.get(j));
        if (i < j) assertTrue(c < 0, refs.get(i) + " vs " + refs.get(j));
      }
    }
  }

  @Test
  void shouldBeNullWhenNoSender() {
    assertNull(ActorRef.noSender());
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(SenderReporter.class, probe.getRef()));
    a.tell("who?", ActorRef.noSender());
    assertEquals(system.deadLetters(), probe.expectMsgClass(ActorRef.class));
  }

  static class SenderReporter extends AbstractActor {
    private final ActorRef report;

    SenderReporter(ActorRef report) { this.report = report; }

    @Override public Receive createReceive() {
      return receiveBuilder().matchAny(m -> report.tell(getSender(), getSelf())).build();
    }
  }
}

package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.japi.pf.ReceiveBuilder;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a behaviour built with receiveBuilder() picks the case for a message, and what happens to the rest. */
class ReceiveBuilderTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("ReceiveBuilderTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  /** Replies with the name of the case that matched. */
  static class Matcher extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("ping", m -> reply("equals:ping"))
          .match(Integer.class, i -> i > 10, i -> reply("big:" + i))
          .match(Integer.class, i -> reply("small:" + i))
          .match(String.class, s -> s.startsWith("x"), s -> reply("x-string:" + s))
          .match(String.class, s -> reply("string:" + s))
          .match(CharSequence.class, s -> reply("never: String is matched above"))
          .match(Number.class, n -> reply("number:" + n))
          .build();
    }

    private void reply(String s) { getSender().tell(s, getSelf()); }
  }

  /** Like {@link Matcher} but with a final matchAny. */
  static class MatchAll extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(String.class, s -> getSender().tell("string:" + s, getSelf()))
          .matchAny(o -> getSender().tell("any:" + o, getSelf()))
          .match(Integer.class, i -> getSender().tell("never: matchAny comes first", getSelf()))
          .build();
    }
  }

  @Test
  void shouldUseFirstMatchingCaseWhenSeveralMatch() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Matcher.class));
    probe.send(a, "ping");
    probe.expectMsg("equals:ping");
    probe.send(a, "pong");
    probe.expectMsg("string:pong");
    probe.send(a, 3L);
    probe.expectMsg("number:3");
  }

  @Test
  void shouldSkipCaseWhenPredicateRejects() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Matcher.class));
    probe.send(a, 20);
    probe.expectMsg("big:20");
    probe.send(a, 5);
    probe.expectMsg("small:5");
    probe.send(a, "xylophone");
    probe.expectMsg("x-string:xylophone");
  }

  @Test
  void shouldHandleEverythingWhenMatchAnyReached() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(MatchAll.class));
    probe.send(a, "s");
    probe.expectMsg("string:s");
    probe.send(a, 1);
    probe.expectMsg("any:1");
    probe.send(a, List.of());
    probe.expectMsg("any:[]");
  }

  @Test
  void shouldPublishUnhandledMessageWhenNoCaseMatches() {
    TestKit probe = new TestKit(system);
    TestKit unhandled = new TestKit(system);
    system.getEventStream().subscribe(unhandled.getRef(), UnhandledMessage.class);
    try {
      ActorRef a = system.actorOf(Props.create(Matcher.class));
      Object odd = new ArrayList<>(List.of("not handled"));
      probe.send(a, odd);
      UnhandledMessage u = (UnhandledMessage) unhandled.fishForMessage(Duration.ofSeconds(3), "unhandled by " + a,
          o -> o instanceof UnhandledMessage && ((UnhandledMessage) o).getRecipient().equals(a));
      assertEquals(odd, u.getMessage());
      assertEquals(probe.getRef(), u.getSender());
      assertEquals(a, u.getRecipient());
      probe.expectNoMessage();
      // the actor goes on working
      probe.send(a, "ping");
      probe.expectMsg("equals:ping");
    } finally {
      system.getEventStream().unsubscribe(unhandled.getRef());
    }
  }

  @Test
  void shouldMatchInOrderWhenUsedWithoutAnActor() throws Exception {
    List<String> seen = new ArrayList<>();
    AbstractActor.Receive r = ReceiveBuilder.create()
        .matchEquals(1, i -> seen.add("one"))
        .match(Integer.class, i -> i % 2 == 0, i -> seen.add("even"))
        .match(Integer.class, i -> seen.add("int"))
        .build();
    assertTrue(r.onMessage(1));
    assertTrue(r.onMessage(4));
    assertTrue(r.onMessage(5));
    assertFalse(r.onMessage("text"));
    assertEquals(List.of("one", "even", "int"), seen);
    assertTrue(r.isDefinedAt(7));
    assertFalse(r.isDefinedAt("text"));
  }

  @Test
  void shouldFallBackToOtherWhenCombinedWithOrElse() throws Exception {
    List<String> seen = new ArrayList<>();
    AbstractActor.Receive strings = ReceiveBuilder.create().match(String.class, s -> seen.add("s:" + s)).build();
    AbstractActor.Receive ints = ReceiveBuilder.create().match(Integer.class, i -> seen.add("i:" + i)).build();
    AbstractActor.Receive both = strings.orElse(ints);
    assertTrue(both.onMessage("a"));
    assertTrue(both.onMessage(1));
    assertFalse(both.onMessage(1.0));
    assertEquals(List.of("s:a", "i:1"), seen);
  }
}

package io.troupe.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Address;
import io.troupe.actor.RootActorPath;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.Props;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event stream: subscriptions by class, subclasses and interfaces, unsubscribing, dead subscribers. */
class EventStreamTest {
  private static ActorSystem system;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("EventStreamTest");
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
  }

  interface Colour {}

  static class Event {
    final String name;

    Event(String name) { this.name = name; }

    @Override public boolean equals(Object o) { return o != null && o.getClass() == getClass() && ((Event) o).name.equals(name); }
    @Override public int hashCode() { return name.hashCode(); }
    @Override public String toString() { return getClass().getSimpleName() + "(" + name + ")"; }
  }

  static class SubEvent extends Event {
    SubEvent(String name) { super(name); }
  }

  static final class Red extends Event implements Colour {
    Red(String name) { super(name); }
  }

  static final class Unrelated {
    @Override public String toString() { return "Unrelated"; }
  }

  /** Forwards everything to the probe. */
  static final class Forwarder extends AbstractActor {
    private final ActorRef probe;

    Forwarder(ActorRef probe) { this.probe = probe; }

    @Override public Receive createReceive() { return receiveBuilder().matchAny(m -> probe.tell(m, getSender())).build(); }
  }

  private static EventStream es() {
    return system.eventStream();
  }

  @Test
  void shouldDeliverEventsOfClassAndSubclassesWhenSubscribedByClass() {
    TestKit probe = new TestKit(system);
    try {
      assertTrue(es().subscribe(probe.getRef(), Event.class));
      es().publish(new Event("e1"));
      es().publish(new SubEvent("s1"));
      es().publish(new Red("r1"));
      es().publish(new Unrelated());
      probe.expectMsg(new Event("e1"));
      probe.expectMsg(new SubEvent("s1"));
      probe.expectMsg(new Red("r1"));
      probe.expectNoMessage();
    } finally {
      es().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldDeliverImplementationsWhenSubscribedToInterface() {
    TestKit probe = new TestKit(system);
    try {
      assertTrue(es().subscribe(probe.getRef(), Colour.class));
      es().publish(new Event("plain"));
      es().publish(new Red("r"));
      probe.expectMsg(new Red("r"));
      probe.expectNoMessage();
    } finally {
      es().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldDeliverOnceWhenSubscribedToClassAndSuperclass() {
    TestKit probe = new TestKit(system);
    try {
      es().subscribe(probe.getRef(), Event.class);
      es().subscribe(probe.getRef(), SubEvent.class);
      es().subscribe(probe.getRef(), Object.class);
      es().publish(new SubEvent("once"));
      probe.expectMsg(new SubEvent("once"));
      probe.expectNoMessage();
    } finally {
      es().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldReturnFalseWhenSubscribingTwice() {
    TestKit probe = new TestKit(system);
    try {
      assertTrue(es().subscribe(probe.getRef(), Event.class));
      assertFalse(es().subscribe(probe.getRef(), Event.class));
      es().publish(new Event("single"));
      probe.expectMsg(new Event("single"));
      probe.expectNoMessage();
    } finally {
      es().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldStopDeliveringChannelWhenUnsubscribedFromIt() {
    TestKit probe = new TestKit(system);
    try {
      es().subscribe(probe.getRef(), Event.class);
      es().subscribe(probe.getRef(), Unrelated.class);
      assertTrue(es().unsubscribe(probe.getRef(), Event.class));
      assertFalse(es().unsubscribe(probe.getRef(), Event.class), "second unsubscribe finds nothing");
      es().publish(new Event("gone"));
      es().publish(new Unrelated());
      probe.expectMsgClass(Unrelated.class);
      probe.expectNoMessage();
    } finally {
      es().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldStopDeliveringEverythingWhenUnsubscribedFromAll() {
    TestKit probe = new TestKit(system);
    es().subscribe(probe.getRef(), Event.class);
    es().subscribe(probe.getRef(), Unrelated.class);
    es().unsubscribe(probe.getRef());
    es().publish(new Event("gone"));
    es().publish(new Unrelated());
    probe.expectNoMessage();
    assertTrue(es().subscribe(probe.getRef(), Event.class), "can subscribe again after unsubscribe");
    es().unsubscribe(probe.getRef());
  }

  /** A channel nothing else publishes: a dead subscriber must be dropped without a publish to notice it. */
  static final class QuietChannel {}

  @Test
  void shouldDropSubscriberWhenItStops() {
    TestKit probe = new TestKit(system);
    ActorRef sub = system.actorOf(Props.create(Forwarder.class, probe.getRef()));
    assertTrue(es().subscribe(sub, QuietChannel.class));
    assertTrue(es().subscribe(sub, SubEvent.class));
    probe.watch(sub);
    system.stop(sub);
    probe.expectTerminated(sub);
    // subscribe answers false while the dead ref is still subscribed; once dropped, it is accepted as new again
    probe.awaitCond(Duration.ofSeconds(3), Duration.ofMillis(10), "stopped subscriber still subscribed",
        () -> es().subscribe(sub, QuietChannel.class));

    es().subscribe(probe.getRef(), DeadLetter.class);
    try {
      // a publish to a dead subscriber would turn into a dead letter on this thread, before the marker is sent
      es().publish(new SubEvent("after-stop"));
      probe.getRef().tell("marker", ActorRef.noSender());
      probe.fishForMessage(Duration.ofSeconds(3), "marker", m -> {
        if (m instanceof DeadLetter && ((DeadLetter) m).message() instanceof SubEvent) {
          throw new AssertionError("event to stopped subscriber became a dead letter: " + m);
        }
        return "marker".equals(m);
      });
    } finally {
      es().unsubscribe(probe.getRef());
    }
  }

  /** A ref that records the last marker told to it, on the publishing thread. */
  static final class RecordingRef extends ActorRef {
    private static final long serialVersionUID = 1L;
    final AtomicReference<Object> last = new AtomicReference<>();
    private final ActorPath path = new RootActorPath(new Address("troupe", "EventStreamTest")).child("recorder");

    @Override public ActorPath path() { return path; }

    @Override
    public void tell(Object message, ActorRef sender) {
      if (message instanceof Event && ((Event) message).name.startsWith("marker-")) last.set(message);
    }
  }

  @Test
  void shouldSeeNewSubscriptionWhenOtherThreadsPublishConcurrently() throws Exception {
    // Another thread publishes the same event class all the time, so its lookups race with subscription changes. A
    // subscription made before a publish on this thread must see that publish (no stale routing). Delivery to the
    // recording ref is synchronous, so each round is checked without waiting.
    RecordingRef sub = new RecordingRef();
    TestKit noise = new TestKit(system);
    List<Class<?>> padding = List.of(String.class, Integer.class, Long.class, Short.class, Byte.class, Double.class,
        Float.class, Character.class, Boolean.class, java.util.Date.class, java.util.UUID.class, java.math.BigInteger.class,
        java.math.BigDecimal.class, StringBuilder.class, Thread.class, Runnable.class, Comparable.class, CharSequence.class,
        java.io.File.class, java.net.URI.class, java.time.Instant.class, java.time.Duration.class, java.util.List.class,
        java.util.Map.class, java.util.Set.class, java.util.Optional.class, Number.class, Iterable.class);
    for (Class<?> c : padding) es().subscribe(noise.getRef(), c);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread publisher = new Thread(() -> {
      Event e = new Event("noise");
      while (running.get()) es().publish(e);
    }, "event-stream-noise");
    publisher.start();
    try {
      for (int i = 0; i < 20_000; i++) {
        es().subscribe(sub, Event.class);
        Event marker = new Event("marker-" + i);
        es().publish(marker);
        assertEquals(marker, sub.last.get(), "round " + i + ": the publish after subscribe was not delivered");
        es().unsubscribe(sub, Event.class);
        es().publish(new Event("marker-after-" + i));
        assertEquals(marker, sub.last.get(), "round " + i + ": the publish after unsubscribe was delivered");
      }
    } finally {
      running.set(false);
      publisher.join();
      es().unsubscribe(noise.getRef());
      es().unsubscribe(sub);
    }
  }

  @Test
  void shouldUseDeadLettersAsSenderWhenPublishing() {
    TestKit probe = new TestKit(system);
    try {
      es().subscribe(probe.getRef(), Event.class);
      es().publish(new Event("who-sent"));
      probe.expectMsg(new Event("who-sent"));
      assertEquals(system.deadLetters(), probe.getLastSender());
    } finally {
      es().unsubscribe(probe.getRef());
    }
  }
}

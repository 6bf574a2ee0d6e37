package io.troupe.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.Props;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mailboxes from configuration: bounded overflow to dead letters, Pekko class names, dispatcher mailboxes, errors. */
class MailboxTest {
  private static ActorSystem system;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("MailboxTest", ConfigFactory.parseString(String.join("\n",
        "bounded-mailbox {",
        "  mailbox-type = \"io.troupe.dispatch.BoundedMailbox\"",
        "  mailbox-capacity = 2",
        "  mailbox-push-timeout-time = 0",
        "}",
        "pekko-bounded-mailbox {",
        "  mailbox-type = \"org.apache.pekko.dispatch.BoundedMailbox\"",
        "  mailbox-capacity = 2",
        "  mailbox-push-timeout-time = 0",
        "}",
        "blocking-bounded-mailbox {",
        "  mailbox-type = \"io.troupe.dispatch.BoundedMailbox\"",
        "  mailbox-capacity = 1",
        "  mailbox-push-timeout-time = -1",
        "}",
        "bounded-dispatcher {",
        "  type = Dispatcher",
        "  mailbox-type = \"io.troupe.dispatch.BoundedMailbox\"",
        "  mailbox-capacity = 1",
        "  mailbox-push-timeout-time = 0",
        "}",
        "zero-capacity-mailbox { mailbox-type = \"io.troupe.dispatch.BoundedMailbox\", mailbox-capacity = 0 }",
        "missing-class-mailbox { mailbox-type = \"com.example.NoSuchMailbox\" }",
        "pekko-unbounded-mailbox { mailbox-type = \"org.apache.pekko.dispatch.UnboundedMailbox\" }"))
        .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
  }

  /** "block" reports "blocked" and waits for the latch; everything else is forwarded to the probe. */
  static final class Blocker extends AbstractActor {
    private final ActorRef probe;
    private final CountDownLatch release;

    Blocker(ActorRef probe, CountDownLatch release) {
      this.probe = probe;
      this.release = release;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("block", m -> {
            probe.tell("blocked", getSelf());
            if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
          })
          .matchAny(m -> probe.tell(m, getSelf()))
          .build();
    }
  }

  /**
   * Blocks an actor with the given mailbox and dispatcher ids (null: the default), sends {@code sent} messages while it is blocked and returns the
   * messages that became dead letters (in order) and those the actor processed once released.
   */
  private static List<List<Object>> fillWhileBlocked(TestKit probe, String mailbox, String dispatcher, int sent) {
    TestKit deadLetters = new TestKit(system);
    system.eventStream().subscribe(deadLetters.getRef(), DeadLetter.class);
    try {
      CountDownLatch release = new CountDownLatch(1);
      ActorRef a = system.actorOf(blocker(probe.getRef(), release, mailbox, dispatcher));
      a.tell("block", ActorRef.noSender());
      probe.expectMsg("blocked");
      for (int i = 1; i <= sent; i++) a.tell("m" + i, probe.getRef());
      List<Object> dead = new ArrayList<>();
      // with a push timeout of 0 the overflow is published on this thread, before the probe's marker
      deadLetters.getRef().tell("marker", ActorRef.noSender());
      deadLetters.fishForMessage(Duration.ofSeconds(3), "marker", m -> {
        if (m instanceof DeadLetter) {
          DeadLetter d = (DeadLetter) m;
          dead.add(d.message());
          assertEquals(probe.getRef(), d.sender());
        }
        return "marker".equals(m);
      });
      release.countDown();
      List<Object> processed = probe.receiveN(sent - dead.size());
      probe.expectNoMessage();
      return List.of(dead, processed);
    } finally {
      system.eventStream().unsubscribe(deadLetters.getRef());
    }
  }

  private static Props blocker(ActorRef probe, CountDownLatch release, String mailbox, String dispatcher) {
    Props p = Props.create(Blocker.class, probe, release);
    if (mailbox != null) p = p.withMailbox(mailbox);
    if (dispatcher != null) p = p.withDispatcher(dispatcher);
    return p;
  }

  private static Props blocker(String mailbox) {
    return blocker(null, new CountDownLatch(0), mailbox, null);
  }

  @Test
  void shouldOverflowIntoDeadLettersWhenBoundedMailboxIsFull() {
    TestKit probe = new TestKit(system);
    List<List<Object>> r = fillWhileBlocked(probe, "bounded-mailbox", null, 5);
    assertEquals(List.of("m3", "m4", "m5"), r.get(0));
    assertEquals(List.of("m1", "m2"), r.get(1));
  }

  @Test
  void shouldAcceptPekkoClassNameWhenMailboxTypeIsPekkosBoundedMailbox() {
    TestKit probe = new TestKit(system);
    List<List<Object>> r = fillWhileBlocked(probe, "pekko-bounded-mailbox", null, 4);
    assertEquals(List.of("m3", "m4"), r.get(0));
    assertEquals(List.of("m1", "m2"), r.get(1));
  }

  @Test
  void shouldUseDispatchersMailboxTypeWhenSetOnDispatcher() {
    TestKit probe = new TestKit(system);
    List<List<Object>> r = fillWhileBlocked(probe, null, "bounded-dispatcher", 3);
    assertEquals(List.of("m2", "m3"), r.get(0));
    assertEquals(List.of("m1"), r.get(1));
  }

  @Test
  void shouldPreferPropsMailboxWhenBothPropsAndDispatcherNameOne() {
    TestKit probe = new TestKit(system);
    List<List<Object>> r = fillWhileBlocked(probe, "bounded-mailbox", "bounded-dispatcher", 3);
    assertEquals(List.of("m3"), r.get(0));
    assertEquals(List.of("m1", "m2"), r.get(1));
  }

  @Test
  void shouldAcceptPekkoClassNameWhenMailboxTypeIsPekkosUnboundedMailbox() {
    TestKit probe = new TestKit(system);
    List<List<Object>> r = fillWhileBlocked(probe, "pekko-unbounded-mailbox", null, 50);
    assertEquals(List.of(), r.get(0));
    assertEquals(50, r.get(1).size());
  }

  @Test
  void shouldBlockSenderUntilRoomWhenPushTimeoutIsNegative() throws Exception {
    TestKit probe = new TestKit(system);
    CountDownLatch release = new CountDownLatch(1);
    ActorRef a = system.actorOf(Props.create(Blocker.class, probe.getRef(), release).withMailbox("blocking-bounded-mailbox"));
    a.tell("block", ActorRef.noSender());
    probe.expectMsg("blocked");
    a.tell("m1", ActorRef.noSender()); // fills the one slot
    Thread sender = new Thread(() -> a.tell("m2", ActorRef.noSender()), "mailbox-test-blocked-sender");
    sender.start();
    probe.awaitCond(Duration.ofSeconds(5), Duration.ofMillis(10), "sender did not block on the full mailbox",
        () -> sender.getState() == Thread.State.WAITING);
    release.countDown();
    sender.join(5_000);
    assertEquals(List.of("m1", "m2"), probe.receiveN(2));
  }

  @Test
  void shouldFailWithConfigurationExceptionNamingIdWhenMailboxUnknown() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> system.actorOf(blocker("no-such-mailbox")));
    assertTrue(e.getMessage().contains("no-such-mailbox"), e.getMessage());
  }

  @Test
  void shouldFailWithConfigurationExceptionWhenMailboxClassMissingOrCapacityInvalid() {
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> system.actorOf(blocker("missing-class-mailbox")));
    assertTrue(missing.getMessage().contains("com.example.NoSuchMailbox"), missing.getMessage());
    ConfigurationException zero = assertThrows(ConfigurationException.class,
        () -> system.actorOf(blocker("zero-capacity-mailbox")));
    assertTrue(zero.getMessage().contains("mailbox-capacity"), zero.getMessage());
  }
}

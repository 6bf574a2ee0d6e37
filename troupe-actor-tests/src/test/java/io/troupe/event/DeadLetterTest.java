package io.troupe.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.Identify;
import io.troupe.actor.Props;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Dead letters: what is published for undeliverable messages, and how many of them the listener logs. */
class DeadLetterTest {
  private final List<ActorSystem> systems = new ArrayList<>();
  private ListAppender<ILoggingEvent> appender;
  private Logger listenerLogger;
  private Level previousLevel;
  private boolean previousAdditive;

  /** A message class that appears in log lines only through this test. */
  static final class Undeliverable {
    final int n;

    Undeliverable(int n) { this.n = n; }

    @Override public String toString() { return "Undeliverable(" + n + ")"; }
  }

  static final class Echo extends AbstractActor {
    @Override public Receive createReceive() { return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build(); }
  }

  @BeforeEach
  void captureListenerLog() {
    listenerLogger = (Logger) LoggerFactory.getLogger(DeadLetterListener.class);
    previousLevel = listenerLogger.getLevel();
    previousAdditive = listenerLogger.isAdditive();
    appender = new ListAppender<>();
    appender.start();
    listenerLogger.addAppender(appender);
    listenerLogger.setLevel(Level.INFO);
    listenerLogger.setAdditive(false);
  }

  @AfterEach
  void tearDown() {
    for (ActorSystem s : systems) TestKit.shutdownActorSystem(s);
    listenerLogger.detachAppender(appender);
    listenerLogger.setLevel(previousLevel);
    listenerLogger.setAdditive(previousAdditive);
  }

  private ActorSystem system(String name, String config) {
    ActorSystem s = ActorSystem.create(name, ConfigFactory.parseString(config).withFallback(ConfigFactory.load()));
    systems.add(s);
    return s;
  }

  /** Lines the listener of {@code system} logged about {@link Undeliverable} messages. */
  private long loggedLines(ActorSystem system) {
    String sysMarker = "troupe://" + system.name() + "/";
    synchronized (appender.list) {
      return appender.list.stream()
          .map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.contains(Undeliverable.class.getName()) && m.contains(sysMarker))
          .count();
    }
  }

  /** The running listener; answering Identify also proves its preStart (the subscription) has run. */
  private static ActorRef listener(TestKit probe) {
    probe.getSystem().actorSelection("/system/deadLetterListener").tell(new Identify("listener"), probe.getRef());
    return probe.expectMsgClass(ActorIdentity.class).getActorRef().orElseThrow(() -> new AssertionError("no listener"));
  }

  /** Returns once {@code listener} has processed everything published before this call (its mailbox is FIFO). */
  private static void awaitProcessed(TestKit probe, ActorRef listener) {
    probe.send(listener, new Identify("barrier"));
    assertEquals(new ActorIdentity("barrier", Optional.of(listener)), probe.expectMsgClass(ActorIdentity.class));
  }

  private static void sendDeadLetters(ActorSystem system, int from, int count) {
    for (int i = from; i < from + count; i++) system.deadLetters().tell(new Undeliverable(i), ActorRef.noSender());
  }

  @Test
  void shouldPublishDeadLetterWithSenderAndRecipientWhenTargetStopped() {
    ActorSystem system = system("DeadLetterTest-publish", "");
    TestKit probe = new TestKit(system);
    TestKit sender = new TestKit(system);
    ActorRef target = system.actorOf(Props.create(Echo.class), "gone");
    probe.watch(target);
    system.stop(target);
    probe.expectTerminated(target);
    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);

    target.tell("too late", sender.getRef());
    DeadLetter d = probe.expectMsgClass(DeadLetter.class);
    assertEquals("too late", d.message());
    assertEquals(sender.getRef(), d.sender());
    assertEquals(target, d.recipient());

    target.tell("no sender", ActorRef.noSender());
    DeadLetter d2 = probe.expectMsgClass(DeadLetter.class);
    assertEquals("no sender", d2.message());
    assertEquals(system.deadLetters(), d2.sender(), "a missing sender is reported as dead letters");
    assertEquals(target, d2.recipient());
  }

  @Test
  void shouldPublishDeadLetterForEachQueuedMessageWhenActorStopsWithMailFinished() {
    ActorSystem system = system("DeadLetterTest-queued", "");
    TestKit probe = new TestKit(system);
    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    ActorRef target = system.actorOf(Props.create(Echo.class));
    // PoisonPill first, so that everything behind it is left in the mailbox when the actor stops
    target.tell(io.troupe.actor.PoisonPill.getInstance(), ActorRef.noSender());
    for (int i = 0; i < 3; i++) target.tell(new Undeliverable(i), probe.getRef());
    List<Integer> seen = new ArrayList<>();
    for (Object o : probe.receiveN(3)) {
      DeadLetter d = (DeadLetter) o;
      assertEquals(target, d.recipient());
      seen.add(((Undeliverable) d.message()).n);
    }
    assertEquals(List.of(0, 1, 2), seen);
  }

  @Test
  void shouldLogOnlyConfiguredNumberWhenLogDeadLettersIsACount() {
    ActorSystem system = system("DeadLetterTest-three", "troupe.log-dead-letters = 3");
    TestKit probe = new TestKit(system);
    ActorRef listener = listener(probe);

    sendDeadLetters(system, 0, 10);
    awaitProcessed(probe, listener);
    assertEquals(3, loggedLines(system));

    sendDeadLetters(system, 10, 10);
    awaitProcessed(probe, listener);
    assertEquals(3, loggedLines(system), "logging stays paused for the suspend duration");
  }

  @Test
  void shouldLogNothingAndStartNoListenerWhenLogDeadLettersIsOff() {
    ActorSystem system = system("DeadLetterTest-off", "troupe.log-dead-letters = off");
    TestKit probe = new TestKit(system);
    system.actorSelection("/system/deadLetterListener").tell(new Identify("listener"), probe.getRef());
    assertFalse(probe.expectMsgClass(ActorIdentity.class).getActorRef().isPresent(), "no listener runs");

    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    sendDeadLetters(system, 0, 5);
    probe.receiveN(5); // published (to the probe, and to a listener if there were one)
    assertEquals(0, loggedLines(system));
  }

  @Test
  void shouldLogEveryDeadLetterWhenLogDeadLettersIsOn() {
    ActorSystem system = system("DeadLetterTest-on", "troupe.log-dead-letters = on");
    TestKit probe = new TestKit(system);
    ActorRef listener = listener(probe);
    sendDeadLetters(system, 0, 25);
    awaitProcessed(probe, listener);
    assertEquals(25, loggedLines(system));
  }

  @Test
  void shouldResumeLoggingWhenSuspendDurationHasPassed() {
    ActorSystem system = system("DeadLetterTest-resume",
        "troupe.log-dead-letters = 2\ntroupe.log-dead-letters-suspend-duration = 100ms");
    TestKit probe = new TestKit(system);
    ActorRef listener = listener(probe);
    sendDeadLetters(system, 0, 4);
    awaitProcessed(probe, listener);
    assertEquals(2, loggedLines(system));
    int[] next = {100};
    probe.awaitCond(Duration.ofSeconds(5), Duration.ofMillis(20), "logging did not resume", () -> {
      sendDeadLetters(system, next[0]++, 1);
      awaitProcessed(probe, listener);
      return loggedLines(system) > 2;
    });
  }

  @Test
  void shouldNeverResumeLoggingWhenSuspendDurationIsInfinite() {
    ActorSystem system = system("DeadLetterTest-infinite",
        "troupe.log-dead-letters = 2\ntroupe.log-dead-letters-suspend-duration = infinite");
    TestKit probe = new TestKit(system);
    ActorRef listener = listener(probe);
    sendDeadLetters(system, 0, 5);
    awaitProcessed(probe, listener);
    assertEquals(2, loggedLines(system));
    sendDeadLetters(system, 5, 5);
    awaitProcessed(probe, listener);
    assertEquals(2, loggedLines(system));
    assertTrue(system.settings().logDeadLettersSuspendDuration().compareTo(Duration.ofDays(365L * 100)) > 0);
  }

  @Test
  void shouldNameMessageClassSenderAndRecipientWhenLogging() {
    ActorSystem system = system("DeadLetterTest-line", "troupe.log-dead-letters = 1");
    TestKit probe = new TestKit(system);
    ActorRef listener = listener(probe);
    ActorRef target = system.actorOf(Props.create(Echo.class), "stopped-target");
    probe.watch(target);
    system.stop(target);
    probe.expectTerminated(target);
    target.tell(new Undeliverable(1), probe.getRef());
    awaitProcessed(probe, listener);
    assertEquals(1, loggedLines(system));
    String line;
    synchronized (appender.list) {
      line = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.contains(Undeliverable.class.getName())).reduce((a, b) -> b).orElseThrow();
    }
    assertTrue(line.contains("/user/stopped-target"), line);
    assertTrue(line.contains(probe.getRef().path().toString()), line);
  }
}

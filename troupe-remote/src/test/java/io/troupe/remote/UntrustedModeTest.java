package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Deploy;
import io.troupe.actor.Identify;
import io.troupe.actor.Kill;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.PossiblyHarmful;
import io.troupe.actor.Props;
import io.troupe.actor.Terminated;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.serialization.DaemonMsgCreate;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node B runs in untrusted mode with trusted-selection-paths = ["/user/trusted"]; node A sends to it over loopback.
 * Each refused message is counted as DROPPED_UNTRUSTED, and a later ordinary message on the same connection proves
 * that the refused one was not delivered before it.
 */
class UntrustedModeTest {
  ActorSystem a;
  ActorSystem b;
  TestKit inB;
  ActorRef victim;
  ActorRef trusted;

  static Config config(boolean untrusted) {
    return ConfigFactory.parseString("troupe.remote.artery.untrusted-mode = " + (untrusted ? "on" : "off") + "\n"
        + "troupe.remote.artery.trusted-selection-paths = [\"/user/trusted\"]\n"
        + "troupe.actor.allow-java-serialization = on\n"
        + "troupe.actor.warn-about-java-serializer-usage = off\n").withFallback(RemoteMessagingTest.config());
  }

  /** A user message that must not come from remote senders in untrusted mode. */
  public static final class Shutdown implements PossiblyHarmful, java.io.Serializable {}

  /** Forwards everything it gets to the actor given at creation. */
  public static class Forward extends AbstractActor {
    final ActorRef to;

    public Forward(ActorRef to) {
      this.to = to;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> to.tell(m, getSender())).build();
    }
  }

  @BeforeEach
  void start() {
    a = ActorSystem.create("A", config(false));
    b = ActorSystem.create("B", config(true));
    inB = new TestKit(b);
    victim = b.actorOf(Props.create(Forward.class, inB.getRef()), "victim");
    trusted = b.actorOf(Props.create(Forward.class, inB.getRef()), "trusted");
    inB.watch(victim);
    inB.watch(trusted);
  }

  @AfterEach
  void stop() {
    TestKit.shutdownActorSystem(a);
    TestKit.shutdownActorSystem(b);
  }

  long dropped() {
    return RemotingCounters.get(b).get(Counter.DROPPED_UNTRUSTED);
  }

  ActorRef remote(String path) {
    return RemoteMessagingTest.remoteRef(a, b, path);
  }

  String bAddress() {
    return RemoteMessagingTest.address(b).toString();
  }

  /** Sends {@code harmful} then a marker to the remote victim; only the marker arrives, the victim lives, one drop counted. */
  void assertDroppedBeforeMarker(Object harmful) {
    long before = dropped();
    ActorRef v = remote("/user/victim");
    v.tell(harmful, ActorRef.noSender());
    v.tell("marker", ActorRef.noSender());
    inB.expectMsg(Duration.ofSeconds(10), "marker");
    assertEquals(before + 1, dropped(), "one drop counted for " + harmful);
  }

  @Test
  void shouldDeliverOrdinaryMessages() {
    remote("/user/victim").tell("hello", ActorRef.noSender());
    inB.expectMsg(Duration.ofSeconds(10), "hello");
    assertEquals(0, dropped());
  }

  @Test
  void shouldDropPoisonPillKillTerminatedAndUserPossiblyHarmfulMessages() {
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        io.troupe.remote.artery.ArteryRemoting.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> debug = new ch.qos.logback.core.read.ListAppender<>();
    debug.start();
    ch.qos.logback.classic.Level level = log.getLevel();
    log.setLevel(ch.qos.logback.classic.Level.DEBUG);
    log.setAdditive(false);
    log.addAppender(debug);
    try {
      assertDroppedBeforeMarker(PoisonPill.getInstance());
    } finally {
      log.detachAppender(debug);
      log.setAdditive(true);
      log.setLevel(level);
    }
    assertTrue(debug.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.DEBUG
        && e.getFormattedMessage().contains("untrusted mode: dropping a PossiblyHarmful [io.troupe.actor.PoisonPill]")
        && e.getMarkerList() != null && e.getMarkerList().contains(io.troupe.event.LogMarkers.SECURITY)), "the drop is logged at DEBUG");
    assertDroppedBeforeMarker(Kill.getInstance());
    assertDroppedBeforeMarker(new Terminated(trusted, true, false));
    assertDroppedBeforeMarker(new Shutdown());
    inB.expectNoMessage(Duration.ofMillis(300)); // neither Terminated of the victim nor a forwarded message
  }

  @Test
  void shouldDropSelectionsExceptToTrustedPaths() {
    TestKit inA = new TestKit(a);
    long before = dropped();
    a.actorSelection(bAddress() + "/user/victim").tell("by-selection", ActorRef.noSender());
    a.actorSelection(bAddress() + "/user/victim").tell(new Identify("untrusted"), inA.getRef());
    a.actorSelection(bAddress() + "/user/trusted").tell("to-trusted", ActorRef.noSender());
    inB.expectMsg(Duration.ofSeconds(10), "to-trusted");
    assertEquals(before + 2, dropped());
    a.actorSelection(bAddress() + "/user/trusted").tell(new Identify("trusted"), inA.getRef());
    // the Identify for the untrusted path, sent first, was never answered
    ActorIdentity id = inA.expectMsgClass(Duration.ofSeconds(10), ActorIdentity.class);
    assertEquals("trusted", id.correlationId());
    assertEquals(before + 2, dropped());
  }

  @Test
  void shouldDropPossiblyHarmfulMessagesEvenToTrustedSelectionPaths() {
    long before = dropped();
    a.actorSelection(bAddress() + "/user/trusted").tell(PoisonPill.getInstance(), ActorRef.noSender());
    a.actorSelection(bAddress() + "/user/trusted").tell(new Shutdown(), ActorRef.noSender());
    a.actorSelection(bAddress() + "/user/trusted").tell("after", ActorRef.noSender());
    inB.expectMsg(Duration.ofSeconds(10), "after");
    assertEquals(before + 2, dropped());
  }

  @Test
  void shouldRefuseRemoteWatch() {
    TestKit inA = new TestKit(a);
    long before = dropped();
    inA.watch(remote("/user/victim"));
    inB.awaitCond(Duration.ofSeconds(10), Duration.ofMillis(20), "the Watch system message is dropped", () -> dropped() > before);
    b.stop(victim);
    inB.expectTerminated(Duration.ofSeconds(10), victim);
    inA.expectNoMessage(Duration.ofSeconds(1)); // B never registered A's watch, so A hears nothing
  }

  @Test
  void shouldRefuseRemoteDeployment() {
    long before = dropped();
    String path = bAddress() + "/remote/troupe/A/user/deployed#1";
    DaemonMsgCreate create = new DaemonMsgCreate(Props.create(Forward.class, ActorRef.noSender()),
        new Deploy(new RemoteScope(RemoteMessagingTest.address(b))), path, a.deadLetters());
    ActorRef daemon = remote("/remote");
    daemon.tell(create, ActorRef.noSender());
    inB.awaitCond(Duration.ofSeconds(10), Duration.ofMillis(20), "the DaemonMsgCreate is dropped", () -> dropped() > before);
  }

  @Test
  void shouldLeaveLocalSendersAlone() {
    TestKit local = new TestKit(b);
    local.watch(victim);
    victim.tell(new Shutdown(), ActorRef.noSender());
    inB.expectMsgClass(Duration.ofSeconds(10), Shutdown.class);
    victim.tell(PoisonPill.getInstance(), ActorRef.noSender());
    local.expectTerminated(Duration.ofSeconds(10), victim);
    assertEquals(0, dropped());
    assertTrue(RemoteMessagingTest.address(b) != null);
  }
}

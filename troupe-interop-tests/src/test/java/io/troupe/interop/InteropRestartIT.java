package io.troupe.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.troupe.actor.ActorRef;
import io.troupe.actor.AddressFromURIString;
import io.troupe.remote.AssociatedEvent;
import io.troupe.remote.artery.QuarantinedEvent;
import io.troupe.testkit.javadsl.TestKit;
import io.troupe.testkit.multijvm.JvmNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A crashed peer (SIGKILL) restarted on the same port, on either side: the survivor reaches the new incarnation (new
 * UID, new handshake) and quarantines the old one.
 */
class InteropRestartIT extends InteropFixture {
  static final Duration MAX = Duration.ofSeconds(30);


  /** Starts the child JVM; returns {address, uid}. */
  private String[] startChild(String name, Class<?> main, String system, int port) {
    child = JvmNode.start(name, main, system, Integer.toString(port));
    return child.awaitPrefix("READY", MAX).split(" ");
  }

  private static int portOf(String address) {
    return AddressFromURIString.parse(address).getPort().orElseThrow();
  }

  @Test
  void troupeReachesARestartedPekkoNodeAndQuarantinesItsOldUid() {
    troupe = TroupeNode.start("TroupePeer", 0, "troupe.remote.retry-gate-closed-for = 1s\n");
    String[] first = startChild("pekko-1", PekkoNode.class, "PekkoPeer", 0);
    TestKit probe = new TestKit(troupe.system);
    TestKit events = new TestKit(troupe.system);
    troupe.system.eventStream().subscribe(events.getRef(), QuarantinedEvent.class);
    troupe.system.eventStream().subscribe(events.getRef(), AssociatedEvent.class);
    ActorRef echo = troupe.resolve(first[0] + "/user/echo");
    echo.tell("first", probe.getRef());
    probe.expectMsg(MAX, "first");

    child.kill();
    String[] second = startChild("pekko-2", PekkoNode.class, "PekkoPeer", portOf(first[0]));
    assertEquals(first[0], second[0], "restarted on the same address");
    assertNotEquals(first[1], second[1], "a new UID");

    // messages sent while the association is gated are dropped; keep sending until the new incarnation answers
    probe.awaitAssert(MAX, Duration.ofMillis(300), () -> {
      echo.tell("again", probe.getRef());
      return probe.expectMsg(Duration.ofMillis(300), "again");
    });
    QuarantinedEvent q = (QuarantinedEvent) events.fishForMessage(MAX, "QuarantinedEvent for the old UID",
        m -> m instanceof QuarantinedEvent);
    assertEquals(Long.parseLong(first[1]), q.uniqueAddress().uid());
  }

  /**
   * Pekko does not quarantine the old UID when a handshake brings a new one (spec 4.5); what shows the old incarnation
   * is gone is that a ref to its actor (with the actor's #uid) reaches nobody, while the new incarnation answers.
   */
  @Test
  void pekkoReachesARestartedTroupeNodeAndRefsToTheOldIncarnationGoNowhere() {
    pekko = PekkoNode.start("PekkoPeer", 0, "");
    String[] first = startChild("troupe-1", TroupeNode.class, "TroupePeer", 0);
    PekkoProbe probe = pekko.probe();
    org.apache.pekko.actor.ActorRef echo = pekko.resolve(first[0] + "/user/echo");
    echo.tell("first", probe.ref);
    org.apache.pekko.actor.ActorRef oldEcho = probe.expectMsg("first", MAX).sender();

    child.kill();
    String[] second = startChild("troupe-2", TroupeNode.class, "TroupePeer", portOf(first[0]));
    assertEquals(first[0], second[0], "restarted on the same address");
    assertNotEquals(first[1], second[1], "a new UID");

    // Pekko drops what it sends while its connection is down; keep sending until the new incarnation answers
    long deadline = System.nanoTime() + MAX.toNanos();
    org.apache.pekko.actor.ActorRef newEcho;
    while (true) {
      echo.tell("again", probe.ref);
      PekkoProbe.Received r = probe.poll(Duration.ofMillis(300));
      if (r != null && "again".equals(r.msg())) {
        newEcho = r.sender();
        break;
      }
      if (System.nanoTime() > deadline) throw new AssertionError("the restarted Troupe node never answered Pekko\n" + child.report());
    }
    assertNotEquals(oldEcho.path().uid(), newEcho.path().uid(), "the answer comes from the new incarnation's actor");
    probe.drain(Duration.ofMillis(500)); // late answers to the retries
    oldEcho.tell("stale", probe.ref);
    newEcho.tell("fresh", probe.ref);
    probe.expectMsg("fresh", MAX);
    probe.expectNoMessage(Duration.ofSeconds(1));
  }
}

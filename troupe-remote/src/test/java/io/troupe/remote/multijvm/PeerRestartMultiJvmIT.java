package io.troupe.remote.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.remote.AssociatedEvent;
import io.troupe.remote.artery.QuarantinedEvent;
import io.troupe.testkit.javadsl.TestKit;
import io.troupe.testkit.multijvm.JvmNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A peer JVM is killed (SIGKILL) and restarted on the same port: its new UID is reached, the old one quarantined. */
class PeerRestartMultiJvmIT {
  ActorSystem a;
  JvmNode b;

  @BeforeEach
  void start() {
    a = ActorSystem.create("A", ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.port = 0\ntroupe.remote.retry-gate-closed-for = 1s\n"
        + "troupe.remote.log-remote-lifecycle-events = off\n"));
  }

  @AfterEach
  void stop() {
    if (b != null) b.close();
    TestKit.shutdownActorSystem(a);
  }

  @Test
  void shouldReachTheNewIncarnationAndQuarantineTheOldOne() {
    b = JvmNode.start("B1", EchoNode.class, "B", "0");
    String[] ready = b.awaitPrefix("READY", Duration.ofSeconds(30)).split(" ");
    String address = ready[0];
    long uid1 = Long.parseLong(ready[1]);
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));

    TestKit probe = new TestKit(a);
    TestKit events = new TestKit(a);
    a.eventStream().subscribe(events.getRef(), QuarantinedEvent.class);
    a.eventStream().subscribe(events.getRef(), AssociatedEvent.class);
    ActorRef echo = ((ExtendedActorSystem) a).provider().resolveActorRef(address + "/user/echo");
    echo.tell("first", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(20), "first");
    events.expectMsgClass(Duration.ofSeconds(5), AssociatedEvent.class);

    b.kill();
    b = JvmNode.start("B2", EchoNode.class, "B", Integer.toString(port));
    String[] ready2 = b.awaitPrefix("READY", Duration.ofSeconds(30)).split(" ");
    assertEquals(address, ready2[0], "restarted on the same address");
    long uid2 = Long.parseLong(ready2[1]);
    assertNotEquals(uid1, uid2);

    // messages sent while the association is gated are dropped; keep sending until the new incarnation answers
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(300), () -> {
      echo.tell("again", probe.getRef());
      return probe.expectMsg(Duration.ofMillis(300), "again");
    });
    QuarantinedEvent q = (QuarantinedEvent) events.fishForMessage(Duration.ofSeconds(10), "QuarantinedEvent for the old UID",
        m -> m instanceof QuarantinedEvent);
    assertEquals(uid1, q.uniqueAddress().uid());
  }
}

package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.artery.ArteryRemoting;
import io.troupe.remote.artery.Association;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** stop-idle-outbound-after, stop-quarantined-after-idle and remove-quarantined-association-after over loopback. */
class IdleAndQuarantinedCleanupTest {
  ActorSystem a;
  ActorSystem b;

  @AfterEach
  void stop() {
    if (a != null) TestKit.shutdownActorSystem(a);
    if (b != null) TestKit.shutdownActorSystem(b);
  }

  private void start(String aConfig) {
    a = ActorSystem.create("A", ConfigFactory.parseString(aConfig).withFallback(RemoteMessagingTest.config()));
    b = ActorSystem.create("B", RemoteMessagingTest.config());
    b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
  }

  private ArteryRemoting remoting(ActorSystem s) {
    return ((RemoteActorRefProvider) ((ExtendedActorSystem) s).provider()).remoting();
  }

  @Test
  void shouldCloseIdleConnectionsAndReopenThemOnTheNextMessage() {
    start("troupe.remote.artery.advanced.stop-idle-outbound-after = 300ms\n");
    TestKit probe = new TestKit(a);
    ActorRef echo = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
    echo.tell("one", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "one");
    Association assoc = remoting(a).association(RemoteMessagingTest.address(b));
    assertTrue(assoc.openConnectionCount() > 0);
    Await.until("idle connections closed", Duration.ofSeconds(10), () -> assoc.openConnectionCount() == 0);
    assertEquals(Association.State.ACTIVE, assoc.state(), "closing idle connections is not a failure");
    echo.tell("two", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "two");
    assertEquals(0, RemotingCounters.get(a).totalDropped());
  }

  @Test
  void shouldCloseAQuarantinedPeersConnectionsAndForgetItsAssociation() {
    start("troupe.remote.artery.advanced.stop-quarantined-after-idle = 200ms\n"
        + "troupe.remote.artery.advanced.remove-quarantined-association-after = 600ms\n");
    TestKit probe = new TestKit(a);
    ActorRef echo = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
    echo.tell("one", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "one");
    Association assoc = remoting(a).association(RemoteMessagingTest.address(b));
    UniqueAddress bUnique = ((RemoteActorRefProvider) ((ExtendedActorSystem) b).provider()).localUniqueAddress();
    remoting(a).quarantine(bUnique, "test", false);
    Await.until("the quarantined peer's connections closed", Duration.ofSeconds(10), () -> assoc.openConnectionCount() == 0);
    // forgotten first, then closed (on its own loop)
    Await.until("the association forgotten and closed", Duration.ofSeconds(10),
        () -> !remoting(a).associations().contains(assoc) && assoc.isRemoved());
    assertTrue(remoting(a).isQuarantined(bUnique.uid()), "the UID stays quarantined after the association is gone");
    echo.tell("after", probe.getRef());
    probe.expectNoMessage(Duration.ofMillis(500));
    assertFalse(RemotingCounters.get(a).get(RemotingCounters.Counter.MESSAGES_SENT) > 1
        && RemotingCounters.get(b).get(RemotingCounters.Counter.MESSAGES_RECEIVED) > 1, "nothing reached B after the quarantine");
  }
}

package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.artery.Association;
import io.troupe.remote.artery.QuarantinedEvent;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The association's states over loopback: gate, handshake timeout, queue overflow, quarantine, inbound reopening. */
class AssociationLifecycleTest {
  private final TestNodes nodes = new TestNodes();

  private ActorSystem system(String name, String extra) {
    return nodes.start(name, extra);
  }

  @AfterEach
  void stop() throws Exception {
    nodes.close();
  }

  private static ActorRef ref(ActorSystem from, String path) {
    return ((ExtendedActorSystem) from).provider().resolveActorRef(path);
  }

  private static Association association(ActorSystem s, Address to) {
    return ((RemoteActorRefProvider) ((ExtendedActorSystem) s).provider()).remoting().association(to);
  }

  /** A TCP server that accepts and reads, but never speaks Artery back: handshakes never complete. */
  private int silentPeer() throws Exception {
    return nodes.closeLater(new SilentListener()).port();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void shouldGateAfterAFailedConnectionAndDropMessagesMeanwhile() throws Exception {
    ActorSystem a = system("A", "troupe.remote.retry-gate-closed-for = 30s");
    TestKit events = new TestKit(a);
    a.eventStream().subscribe(events.getRef(), AssociationErrorEvent.class);
    int port = closedPort();
    ActorRef nowhere = ref(a, "troupe://B@127.0.0.1:" + port + "/user/x");
    nowhere.tell("first", ActorRef.noSender());
    AssociationErrorEvent err = events.expectMsgClass(Duration.ofSeconds(10), AssociationErrorEvent.class);
    assertEquals(port, err.getRemoteAddress().getPort().orElseThrow());
    Association assoc = association(a, err.getRemoteAddress());
    Await.until("association gated", () -> assoc.state() == Association.State.GATED);
    nowhere.tell("while-gated", ActorRef.noSender());
    Await.until("message dropped as gated", () -> RemotingCounters.get(a).get(Counter.DROPPED_GATED) >= 1);
  }

  @Test
  void shouldDropQueuedMessagesWhenTheHandshakeTimesOut() throws Exception {
    ActorSystem a = system("A", "troupe.remote.artery.advanced.handshake-timeout = 1500ms\n"
        + "troupe.remote.artery.advanced.handshake-retry-interval = 200ms\n");
    TestKit events = new TestKit(a);
    a.eventStream().subscribe(events.getRef(), AssociationErrorEvent.class);
    int port = silentPeer();
    ActorRef silent = ref(a, "troupe://B@127.0.0.1:" + port + "/user/x");
    for (int i = 0; i < 5; i++) silent.tell("m" + i, ActorRef.noSender());
    AssociationErrorEvent err = (AssociationErrorEvent) events.fishForMessage(Duration.ofSeconds(15), "handshake timeout",
        m -> m instanceof AssociationErrorEvent && ((AssociationErrorEvent) m).getCause() instanceof Association.HandshakeTimeoutException);
    assertTrue(err.getCause().getMessage().contains("did not complete"), err.getCause().getMessage());
    Await.until("queued messages dropped and counted", () -> RemotingCounters.get(a).get(Counter.DROPPED_HANDSHAKE_TIMEOUT) == 5);
  }

  @Test
  void shouldDropWhenTheOutboundQueueIsFull() throws Exception {
    ActorSystem a = system("A", "troupe.remote.artery.advanced.outbound-message-queue-size = 16\n"
        + "troupe.remote.artery.advanced.handshake-timeout = 60s\n");
    int port = silentPeer();
    ActorRef silent = ref(a, "troupe://B@127.0.0.1:" + port + "/user/x");
    for (int i = 0; i < 100; i++) silent.tell("m" + i, ActorRef.noSender());
    Await.until("overflow dropped and counted", () -> RemotingCounters.get(a).get(Counter.DROPPED_QUEUE_FULL) >= 84);
    assertEquals(0, RemotingCounters.get(a).get(Counter.MESSAGES_SENT));
  }

  @Test
  void shouldStopTalkingToAQuarantinedPeerAndTellIt() {
    ActorSystem a = system("A", "");
    ActorSystem b = system("B", "");
    b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
    TestKit probe = new TestKit(a);
    ActorRef echo = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
    echo.tell("hi", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "hi");

    TestKit quarantinedB = new TestKit(b);
    b.eventStream().subscribe(quarantinedB.getRef(), ThisActorSystemQuarantinedEvent.class);
    TestKit quarantinedA = new TestKit(a);
    a.eventStream().subscribe(quarantinedA.getRef(), QuarantinedEvent.class);
    UniqueAddress bUnique = ((RemoteActorRefProvider) ((ExtendedActorSystem) b).provider()).localUniqueAddress();
    ((RemoteActorRefProvider) ((ExtendedActorSystem) a).provider()).remoting().quarantine(bUnique, "test", false);

    assertEquals(bUnique, quarantinedA.expectMsgClass(QuarantinedEvent.class).uniqueAddress());
    ThisActorSystemQuarantinedEvent e = quarantinedB.expectMsgClass(Duration.ofSeconds(10), ThisActorSystemQuarantinedEvent.class);
    assertEquals(RemoteMessagingTest.address(a), e.remoteAddress());
    echo.tell("after", probe.getRef());
    probe.expectNoMessage(Duration.ofMillis(500));
    assertTrue(RemotingCounters.get(a).get(Counter.DROPPED_QUARANTINED) >= 1);
  }

  @Test
  void shouldReopenTheGateWhenThePeerConnectsToUs() throws Exception {
    // B starts later on a fixed port; A's first attempt fails and gates the association for a long time
    int port = closedPort();
    ActorSystem a = system("A", "troupe.remote.retry-gate-closed-for = 60s");
    Address bAddress = new Address("troupe", "B", "127.0.0.1", port);
    TestKit probe = new TestKit(a);
    ActorRef echo = ref(a, bAddress + "/user/echo");
    echo.tell("too-early", probe.getRef());
    Association assoc = association(a, bAddress);
    Await.until("A gated towards B", () -> assoc.state() == Association.State.GATED);

    ActorSystem b = system("B", "troupe.remote.artery.canonical.port = " + port);
    b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
    // B contacts A: A's gate opens without waiting 60 s
    TestKit bProbe = new TestKit(b);
    RemoteMessagingTest.remoteRef(b, a, "/user/nobody").tell("hello-from-b", bProbe.getRef());
    Await.until("A's association to B active again", Duration.ofSeconds(20), () -> assoc.state() == Association.State.ACTIVE);
    echo.tell("now", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "now");
  }
}

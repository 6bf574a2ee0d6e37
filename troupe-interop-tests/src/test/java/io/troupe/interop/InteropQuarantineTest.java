package io.troupe.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.actor.ActorRef;
import io.troupe.actor.AddressFromURIString;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.ThisActorSystemQuarantinedEvent;
import io.troupe.remote.UniqueAddress;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A quarantine announced by one side ({@code Quarantined} on the control stream) is honoured by the other: the
 * quarantined node publishes {@code ThisActorSystemQuarantinedEvent}, and the quarantining node drops what the
 * quarantined incarnation sends, so no answer goes back.
 */
class InteropQuarantineTest extends InteropFixture {
  static final Duration MAX = Duration.ofSeconds(20);

  @BeforeEach
  void start() {
    pekko = PekkoNode.start("PekkoPeer", 0, "");
    troupe = TroupeNode.start("TroupePeer", 0, "");
  }

  @Test
  void pekkoHonoursAQuarantineAnnouncedByTroupe() {
    PekkoProbe events = pekko.probe();
    // Artery publishes its own event, with UIDs
    pekko.system.getEventStream().subscribe(events.ref, org.apache.pekko.remote.artery.ThisActorSystemQuarantinedEvent.class);
    ActorRef pekkoEcho = troupe.resolveOne(pekko.address() + "/user/echo", MAX); // associates both ways
    org.apache.pekko.actor.ActorRef troupeEcho = pekko.resolveOne(troupe.address() + "/user/echo", MAX);

    RemoteActorRefProvider provider = (RemoteActorRefProvider) ((ExtendedActorSystem) troupe.system).provider();
    provider.remoting().quarantine(new UniqueAddress(AddressFromURIString.parse(pekko.address()), pekko.uid()), "interop test", false);

    org.apache.pekko.remote.artery.ThisActorSystemQuarantinedEvent e =
        events.expectMsgClass(org.apache.pekko.remote.artery.ThisActorSystemQuarantinedEvent.class, MAX);
    assertEquals(pekko.uid(), e.localAddress().uid());
    assertEquals(troupe.address(), e.remoteAddress().address().toString());
    assertEquals(troupe.uniqueAddress().uid(), e.remoteAddress().uid());

    PekkoProbe probe = pekko.probe();
    long dropped = troupe.counters().get(Counter.DROPPED_QUARANTINED);
    troupeEcho.tell("after quarantine", probe.ref);
    Await.until("Troupe drops the quarantined node's message", MAX, () -> troupe.counters().get(Counter.DROPPED_QUARANTINED) > dropped);
    probe.expectNoMessage(Duration.ofSeconds(1));
    TestKit troupeProbe = new TestKit(troupe.system);
    pekkoEcho.tell("to a quarantined node", troupeProbe.getRef());
    troupeProbe.expectNoMessage(Duration.ofSeconds(1));
  }

  @Test
  void troupeHonoursAQuarantineAnnouncedByPekko() {
    TestKit events = new TestKit(troupe.system);
    troupe.system.eventStream().subscribe(events.getRef(), ThisActorSystemQuarantinedEvent.class);
    TestKit artery = new TestKit(troupe.system);
    troupe.system.eventStream().subscribe(artery.getRef(), io.troupe.remote.artery.ThisActorSystemQuarantinedEvent.class);
    ActorRef pekkoEcho = troupe.resolveOne(pekko.address() + "/user/echo", MAX);
    pekko.resolveOne(troupe.address() + "/user/echo", MAX);

    org.apache.pekko.remote.RemoteActorRefProvider provider =
        (org.apache.pekko.remote.RemoteActorRefProvider) ((org.apache.pekko.actor.ExtendedActorSystem) pekko.system).provider();
    provider.quarantine(org.apache.pekko.actor.AddressFromURIString.parse(troupe.address()),
        scala.Option.apply((Object) troupe.uniqueAddress().uid()), "interop test");

    ThisActorSystemQuarantinedEvent e = events.expectMsgClass(MAX, ThisActorSystemQuarantinedEvent.class);
    assertEquals(troupe.address(), e.localAddress().toString());
    assertEquals(pekko.address(), e.remoteAddress().toString());
    io.troupe.remote.artery.ThisActorSystemQuarantinedEvent withUids =
        artery.expectMsgClass(MAX, io.troupe.remote.artery.ThisActorSystemQuarantinedEvent.class);
    assertEquals(troupe.uniqueAddress(), withUids.localAddress());
    assertEquals(pekko.uid(), withUids.remoteAddress().uid());

    TestKit probe = new TestKit(troupe.system);
    pekkoEcho.tell("after quarantine", probe.getRef());
    probe.expectNoMessage(Duration.ofSeconds(1));
  }
}

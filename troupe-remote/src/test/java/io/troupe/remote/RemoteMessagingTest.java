package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two systems in one JVM over loopback: messages and replies through remote refs (tcp; {@link TlsRemoteMessagingTest}: tls-tcp). */
class RemoteMessagingTest {
  static Config config() {
    return ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.hostname = 127.0.0.1\n"
        + "troupe.remote.artery.canonical.port = 0\n"
        + "troupe.remote.log-remote-lifecycle-events = off\n");
  }

  ActorSystem a;
  ActorSystem b;

  /** The configuration of both nodes; subclasses run the same tests over another transport. */
  Config nodeConfig() {
    return config();
  }

  @BeforeEach
  void start() {
    a = ActorSystem.create("A", nodeConfig());
    b = ActorSystem.create("B", nodeConfig());
  }

  @AfterEach
  void stop() {
    TestKit.shutdownActorSystem(a);
    TestKit.shutdownActorSystem(b);
  }

  static Address address(ActorSystem s) {
    return ((ExtendedActorSystem) s).provider().getDefaultAddress();
  }

  static ActorRef remoteRef(ActorSystem from, ActorSystem to, String path) {
    return ((ExtendedActorSystem) from).provider().resolveActorRef(address(to) + path);
  }

  public static class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  @Test
  void shouldSendAndReplyAcrossSystems() {
    b.actorOf(Props.create(Echo.class), "echo");
    TestKit probe = new TestKit(a);
    ActorRef echo = remoteRef(a, b, "/user/echo");
    assertTrue(echo instanceof RemoteActorRef, "a path on another node resolves to a remote ref: " + echo.getClass());
    echo.tell("hello", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "hello");
    assertEquals(address(b), probe.getLastSender().path().address());
    for (int i = 0; i < 1000; i++) echo.tell("m" + i, probe.getRef());
    for (int i = 0; i < 1000; i++) probe.expectMsg("m" + i);
    RemotingCounters ca = RemotingCounters.get(a);
    assertEquals(1001, ca.get(RemotingCounters.Counter.MESSAGES_SENT));
    assertEquals(0, ca.totalDropped(), ca.toString());
  }

  @Test
  void shouldDeliverLocallyWhenTheAddressIsOurOwn() {
    a.actorOf(Props.create(Echo.class), "echo");
    TestKit probe = new TestKit(a);
    ActorRef self = remoteRef(a, a, "/user/echo");
    assertTrue(!(self instanceof RemoteActorRef), "own address resolves locally");
    self.tell("local", probe.getRef());
    probe.expectMsg("local");
    assertEquals(0, RemotingCounters.get(a).get(RemotingCounters.Counter.MESSAGES_SENT));
  }
}

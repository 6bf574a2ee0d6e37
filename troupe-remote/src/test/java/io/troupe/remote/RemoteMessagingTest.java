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

/** Two systems in one JVM over loopback: messages and replies through remote refs (over tcp and tls-tcp, see {@link #config()}). */
class RemoteMessagingTest {
  /** The system property choosing the transport of the component tests: tcp (default) or tls-tcp. */
  static final String TRANSPORT_PROPERTY = "troupe.test.transport";

  /**
   * The base configuration of a component-test node: remote provider on loopback, a free port, over the transport
   * {@value #TRANSPORT_PROPERTY} names. The build runs the component tests twice, over tcp and over tls-tcp (the
   * {@code tls-tcp} surefire execution of this module), with certificates made by the test.
   */
  static Config config() {
    Config base = ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.hostname = 127.0.0.1\n"
        + "troupe.remote.artery.canonical.port = 0\n"
        + "troupe.remote.log-remote-lifecycle-events = off\n");
    String transport = System.getProperty(TRANSPORT_PROPERTY, "tcp");
    switch (transport) {
      case "tcp": return base;
      case "tls-tcp": return io.troupe.remote.tls.TlsTestConfig.tls().withFallback(base);
      default: throw new IllegalArgumentException(TRANSPORT_PROPERTY + " must be tcp or tls-tcp, not [" + transport + "]");
    }
  }

  ActorSystem a;
  ActorSystem b;

  @BeforeEach
  void start() {
    a = ActorSystem.create("A", config());
    b = ActorSystem.create("B", config());
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

package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.testkit.javadsl.TestKit;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * NAT and containers: a node listens on its bind address and advertises its canonical one; peers reach it through
 * the canonical address (here a relay standing in for the NAT), and its actor paths carry the canonical address.
 */
class CanonicalAndBindAddressTest {
  @Test
  void shouldListenOnBindAndAdvertiseCanonical() throws Exception {
    int bindPort;
    try (ServerSocket s = new ServerSocket(0)) {
      bindPort = s.getLocalPort();
    }
    try (TcpRelay nat = new TcpRelay(bindPort)) {
      ActorSystem b = ActorSystem.create("B", ConfigFactory.parseString(
          "troupe.remote.artery.canonical.port = " + nat.port() + "\ntroupe.remote.artery.bind.port = " + bindPort
              + "\ntroupe.remote.artery.bind.hostname = 127.0.0.1\n").withFallback(RemoteMessagingTest.config()));
      ActorSystem a = ActorSystem.create("A", RemoteMessagingTest.config());
      try {
        Address bAddress = ((ExtendedActorSystem) b).provider().getDefaultAddress();
        assertEquals(nat.port(), bAddress.getPort().orElseThrow(), "the canonical port is what B's paths carry");
        ActorRef echo = b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
        assertEquals(bAddress, echo.path().address());
        TestKit probe = new TestKit(a);
        ActorRef remoteEcho = ((ExtendedActorSystem) a).provider().resolveActorRef(bAddress + "/user/echo");
        remoteEcho.tell("through-nat", probe.getRef());
        probe.expectMsg(Duration.ofSeconds(10), "through-nat");
        assertEquals(bAddress, probe.getLastSender().path().address());
      } finally {
        TestKit.shutdownActorSystem(a);
        TestKit.shutdownActorSystem(b);
      }
    }
  }
}

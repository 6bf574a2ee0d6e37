package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large-message destinations use their own connection with its own frame limit; too-large messages are dropped alone.
 * The probe's path is a large destination too, since the stream is chosen by the recipient of each message.
 */
class LargeMessageStreamTest {
  ActorSystem a;
  ActorSystem b;

  static Config config() {
    return ConfigFactory.parseString("troupe.remote.artery.large-message-destinations = [\"/user/large*\", \"/system/testActor*\"]\n"
        + "troupe.remote.artery.advanced.maximum-frame-size = 64 KiB\n"
        + "troupe.remote.artery.advanced.maximum-large-frame-size = 4 MiB\n").withFallback(RemoteMessagingTest.config());
  }

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

  @Test
  void shouldCarryBigMessagesToLargeDestinationsAndDropThemElsewhere() {
    b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "large-echo");
    b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
    TestKit probe = new TestKit(a);
    byte[] big = new byte[1024 * 1024];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    ActorRef large = RemoteMessagingTest.remoteRef(a, b, "/user/large-echo");
    large.tell(big, probe.getRef());
    byte[] back = probe.expectMsgClass(Duration.ofSeconds(20), byte[].class);
    assertArrayEquals(big, back, "1 MiB went there and back on the large streams");

    ActorRef ordinary = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
    ordinary.tell(big, probe.getRef());
    ordinary.tell("small-after-big", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "small-after-big");
    Await.until("too-large frame counted", () -> RemotingCounters.get(a).get(Counter.DROPPED_FRAME_TOO_LARGE) == 1);
    assertEquals(0, RemotingCounters.get(b).get(Counter.CONNECTIONS_CLOSED_MALFORMED));
  }
}

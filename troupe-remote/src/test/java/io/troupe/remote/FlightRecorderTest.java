package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Remoting's JDK Flight Recorder events: lifecycle, dropped messages, malformed connections and compression tables. */
class FlightRecorderTest {
  /** A message no serializer is bound for. */
  static final class NotSerializable {}

  @Test
  void shouldRecordLifecycleDropsAndMalformedConnections() throws Exception {
    Path file = Files.createTempFile("troupe-remote", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("io.troupe.remote.Lifecycle");
      recording.enable("io.troupe.remote.MessageDropped");
      recording.enable("io.troupe.remote.MalformedConnection");
      recording.start();
      ActorSystem a = ActorSystem.create("A", RemoteMessagingTest.config());
      ActorSystem b = ActorSystem.create("B", RemoteMessagingTest.config());
      try {
        b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
        TestKit probe = new TestKit(a);
        ActorRef echo = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
        echo.tell("hi", probe.getRef());
        probe.expectMsg(Duration.ofSeconds(10), "hi");
        echo.tell(new NotSerializable(), probe.getRef());
        Await.until("the drop counted", () -> RemotingCounters.get(a).get(RemotingCounters.Counter.DROPPED_NO_SERIALIZER) == 1);
        try (Socket s = new Socket("127.0.0.1", RemoteMessagingTest.address(b).getPort().orElseThrow())) {
          OutputStream out = s.getOutputStream();
          out.write("garbage!".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          s.setSoTimeout(5000);
          s.getInputStream().read();
        }
        Await.until("the malformed connection counted",
            () -> RemotingCounters.get(b).get(RemotingCounters.Counter.CONNECTIONS_CLOSED_MALFORMED) == 1);
      } finally {
        TestKit.shutdownActorSystem(a);
        TestKit.shutdownActorSystem(b);
      }
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Files.deleteIfExists(file);
    List<String> kinds = events.stream().filter(e -> e.getEventType().getName().equals("io.troupe.remote.Lifecycle"))
        .map(e -> e.getString("kind")).collect(Collectors.toList());
    assertTrue(kinds.contains("AssociatedEvent"), "lifecycle events recorded: " + kinds);
    assertTrue(kinds.contains("RemotingListenEvent"), "lifecycle events recorded: " + kinds);
    assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.troupe.remote.MessageDropped")
        && "DROPPED_NO_SERIALIZER".equals(e.getString("reason")) && e.getString("what").contains("NotSerializable")),
        "a MessageDropped event with its reason");
    assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.troupe.remote.MalformedConnection")
        && e.getString("problem").contains("magic")), "a MalformedConnection event");
  }

  @Test
  void shouldRecordCompressionTablesAdvertisedAndAccepted() throws Exception {
    Path file = Files.createTempFile("troupe-remote", ".jfr");
    String fast = "troupe.remote.artery.advanced.compression.actor-refs.advertisement-interval = 200ms\n";
    try (Recording recording = new Recording(); TestNodes nodes = new TestNodes()) {
      recording.enable("io.troupe.remote.CompressionTable");
      recording.start();
      ActorSystem a = nodes.start("A", fast);
      ActorSystem b = nodes.start("B", fast);
      b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
      TestKit probe = new TestKit(a);
      ActorRef echo = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
      Await.until("B advertised a table and A accepted it", Duration.ofSeconds(20), () -> {
        echo.tell("hi", probe.getRef());
        probe.expectMsg(Duration.ofSeconds(10), "hi");
        return RemotingCounters.get(a).get(RemotingCounters.Counter.COMPRESSION_TABLES_ACCEPTED) >= 1;
      });
      nodes.close();
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Files.deleteIfExists(file);
    List<String> seen = events.stream().filter(e -> e.getEventType().getName().equals("io.troupe.remote.CompressionTable"))
        .map(e -> e.getString("what") + " " + e.getString("table") + " v" + e.getInt("version") + " " + e.getString("peer"))
        .collect(Collectors.toList());
    assertTrue(seen.stream().anyMatch(x -> x.startsWith("advertised actor-refs v1 ") && x.contains("://A@")), "B advertised: " + seen);
    assertTrue(seen.stream().anyMatch(x -> x.startsWith("accepted actor-refs v1 ") && x.contains("://B@")), "A accepted: " + seen);
  }
}

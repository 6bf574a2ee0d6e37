package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.EnvelopeWriter;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.serialization.DisabledJavaSerializer;
import io.troupe.serialization.LogCapture;
import io.troupe.serialization.SerializationExtension;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A live node under bad input on raw sockets: framing violations close only the offending connection; a bad message
 * (unknown serializer, unknown sender system, wrong address) is dropped and counted while its connection stays open;
 * the association with a real peer keeps working throughout.
 */
class HostileInputTest {
  ActorSystem a;
  ActorSystem b;
  int bPort;
  Address bAddress;

  @BeforeEach
  void start() {
    a = ActorSystem.create("A", RemoteMessagingTest.config());
    b = ActorSystem.create("B", RemoteMessagingTest.config());
    b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
    bAddress = RemoteMessagingTest.address(b);
    bPort = bAddress.getPort().orElseThrow();
  }

  @AfterEach
  void stop() {
    TestKit.shutdownActorSystem(a);
    TestKit.shutdownActorSystem(b);
  }

  private void assertPeerStillWorks(String text) {
    TestKit probe = new TestKit(a);
    ActorRef echo = RemoteMessagingTest.remoteRef(a, b, "/user/echo");
    echo.tell(text, probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), text);
  }

  private RemotingCounters counters() {
    return RemotingCounters.get(b);
  }

  /** Sends bytes on a fresh connection and returns true when the node closed it. */
  private boolean sendAndSeeClosed(byte[] bytes) throws Exception {
    try (Socket s = new Socket("127.0.0.1", bPort)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      try {
        return in.read() == -1;
      } catch (SocketTimeoutException e) {
        return false;
      }
    }
  }

  @Test
  void shouldCloseOnlyConnectionsThatBreakTheFraming() throws Exception {
    assertPeerStillWorks("before");
    byte[] oversized = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put(FrameDescriptor.MAGIC_AKKA).put((byte) 2)
        .putInt(Integer.MAX_VALUE).array();
    byte[] truncatedLiteral = frame(2, bb -> {
      bb.put(new byte[16]).putInt(28).putInt(30).putInt(32).putShort((short) 30000);
    });
    SplittableRandom rnd = new SplittableRandom(42);
    byte[] random = new byte[512];
    for (int i = 0; i < random.length; i++) random[i] = (byte) rnd.nextInt(256);
    assertTrue(sendAndSeeClosed("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), "bad magic closes");
    assertTrue(sendAndSeeClosed(oversized), "oversized length closes");
    assertTrue(sendAndSeeClosed(truncatedLiteral), "a literal running past its frame closes");
    assertTrue(sendAndSeeClosed(random), "random bytes close");
    Await.until("malformed connections counted", () -> counters().get(Counter.CONNECTIONS_CLOSED_MALFORMED) >= 4);
    assertPeerStillWorks("after");
  }

  @Test
  void shouldDropBadMessagesButKeepTheirConnection() throws Exception {
    assertPeerStillWorks("before");
    long aUid = ((RemoteActorRefProvider) ((ExtendedActorSystem) a).provider()).localUniqueAddress().uid();
    String recipient = bAddress + "/user/echo";
    try (Socket s = new Socket("127.0.0.1", bPort)) {
      s.setSoTimeout(300);
      OutputStream out = s.getOutputStream();
      ByteBuffer bb = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
      bb.put(FrameDescriptor.MAGIC_AKKA).put((byte) FrameDescriptor.ORDINARY_STREAM_ID);
      // 1: a handshake addressed to another host name: dropped, counted
      int f = EnvelopeWriter.beginFrame(bb);
      EnvelopeWriter.writeHeader(bb, 7L, 17, "", "", "d");
      ControlMessageCodec.encode(new ControlMessage.HandshakeReq(new UniqueAddress(new Address("troupe", "X", "127.0.0.1", 1), 7L),
          new Address("troupe", "B", "localhost", bPort)), bb);
      EnvelopeWriter.endFrame(bb, f);
      // 2: a message from a system that never shook hands: dropped
      f = EnvelopeWriter.beginFrame(bb);
      EnvelopeWriter.writeHeader(bb, 12345L, 20, "", recipient, "");
      bb.put("from-nowhere".getBytes(StandardCharsets.UTF_8));
      EnvelopeWriter.endFrame(bb, f);
      // 3: an unknown serializer id, claiming to come from A (which did shake hands): dropped
      f = EnvelopeWriter.beginFrame(bb);
      EnvelopeWriter.writeHeader(bb, aUid, 999_999, "", recipient, "");
      bb.put(new byte[] {1, 2, 3});
      EnvelopeWriter.endFrame(bb, f);
      // 4: a recipient on another host name: dropped
      f = EnvelopeWriter.beginFrame(bb);
      EnvelopeWriter.writeHeader(bb, aUid, 20, "", "troupe://B@localhost:" + bPort + "/user/echo", "");
      bb.put("wrong-host".getBytes(StandardCharsets.UTF_8));
      EnvelopeWriter.endFrame(bb, f);
      // 5: a Long payload of the wrong size: the serializer refuses it, dropped
      f = EnvelopeWriter.beginFrame(bb);
      EnvelopeWriter.writeHeader(bb, aUid, 18, "", recipient, "");
      bb.put(new byte[] {1, 2, 3});
      EnvelopeWriter.endFrame(bb, f);
      out.write(bb.array(), 0, bb.position());
      out.flush();
      Await.until("all four kinds of drop counted", () ->
          counters().get(Counter.DROPPED_WRONG_ADDRESS) >= 2
              && counters().get(Counter.DROPPED_UNKNOWN_ORIGIN) >= 1
              && counters().get(Counter.DROPPED_UNKNOWN_SERIALIZER) >= 1
              && counters().get(Counter.DROPPED_DESERIALIZATION_FAILED) >= 1);
      // the connection is still open: a read neither sees the end of the stream nor data (the node never writes)
      int r;
      try {
        r = s.getInputStream().read();
      } catch (SocketTimeoutException open) {
        r = -2;
      }
      assertEquals(-2, r, "the node must keep the connection open after per-message drops");
    }
    assertEquals(0, counters().get(Counter.CONNECTIONS_CLOSED_MALFORMED));
    assertPeerStillWorks("after");
  }

  @Test
  void shouldRefuseJavaSerializedPayloadsFromAHandshakedPeer() throws Exception {
    assertPeerStillWorks("before");
    long aUid = ((RemoteActorRefProvider) ((ExtendedActorSystem) a).provider()).localUniqueAddress().uid();
    DisabledJavaSerializer refuser = (DisabledJavaSerializer) SerializationExtension.get(b).serializerByIdentity().get(1);
    // a genuine Java serialization stream, as an attacker's gadget chain would arrive
    java.io.ByteArrayOutputStream javaBytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream oos = new java.io.ObjectOutputStream(javaBytes)) {
      oos.writeObject(new java.util.HashMap<>(java.util.Map.of("k", "v")));
    }
    long failedBefore = counters().get(Counter.DROPPED_DESERIALIZATION_FAILED);
    LogCapture logs = new LogCapture(DisabledJavaSerializer.class);
    try (logs; Socket s = new Socket("127.0.0.1", bPort)) {
      s.setSoTimeout(300);
      ByteBuffer bb = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
      bb.put(FrameDescriptor.MAGIC_AKKA).put((byte) FrameDescriptor.ORDINARY_STREAM_ID);
      int f = EnvelopeWriter.beginFrame(bb);
      EnvelopeWriter.writeHeader(bb, aUid, 1, "", bAddress + "/user/echo", "");
      bb.put(javaBytes.toByteArray());
      EnvelopeWriter.endFrame(bb, f);
      s.getOutputStream().write(bb.array(), 0, bb.position());
      s.getOutputStream().flush();
      Await.until("the Java-serialized payload refused and counted", () -> refuser.refusedDeserializations() >= 1
          && counters().get(Counter.DROPPED_DESERIALIZATION_FAILED) > failedBefore);
      int r;
      try {
        r = s.getInputStream().read();
      } catch (SocketTimeoutException open) {
        r = -2;
      }
      assertEquals(-2, r, "a refused payload must not close its connection");
    }
    assertTrue(logs.withMarker(io.troupe.event.LogMarkers.SECURITY).stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
        && e.getFormattedMessage().contains("Refusing to deserialize a Java-serialized payload")), "a SECURITY warning: " + logs.events());
    assertEquals(0, counters().get(Counter.CONNECTIONS_CLOSED_MALFORMED));
    assertPeerStillWorks("after");
  }

  private interface Body {
    void write(ByteBuffer b);
  }

  private static byte[] frame(int stream, Body body) {
    ByteBuffer bb = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    bb.put(FrameDescriptor.MAGIC_AKKA).put((byte) stream);
    int start = bb.position();
    bb.putInt(0);
    body.write(bb);
    bb.putInt(start, bb.position() - start - 4);
    byte[] out = new byte[bb.position()];
    bb.flip();
    bb.get(out);
    return out;
  }
}

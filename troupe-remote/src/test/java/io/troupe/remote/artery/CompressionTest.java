package io.troupe.remote.artery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.troupe.Done;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemoteMessagingTestSupport;
import io.troupe.remote.RemotingCounters;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.SilentListener;
import io.troupe.remote.TestNodes;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.EnvelopeWriter;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.serialization.LogCapture;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Compression between two Troupe nodes over loopback TCP, with tables advertised every 200 ms (spec 8): both ways
 * compressed, in order and with the right senders; a restarted peer starts afresh; and, against a peer played on raw
 * sockets, compressed tags that cannot be resolved drop one message each and the counting stays bounded.
 */
class CompressionTest {
  private static final String FAST = ""
      + "troupe.remote.artery.advanced.compression.actor-refs.advertisement-interval = 200ms\n"
      + "troupe.remote.artery.advanced.compression.manifests.advertisement-interval = 200ms\n";

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void stop() throws Exception {
    nodes.close();
  }

  private ActorSystem system(String name, String extra) {
    return nodes.start(name, extra);
  }

  private static RemoteActorRefProvider provider(ActorSystem s) {
    return (RemoteActorRefProvider) ((ExtendedActorSystem) s).provider();
  }

  private static UniqueAddress unique(ActorSystem s) {
    return provider(s).localUniqueAddress();
  }

  private static Association association(ActorSystem from, Address to) {
    return provider(from).remoting().association(to);
  }

  private static long count(ActorSystem s, Counter c) {
    return RemotingCounters.get(s).get(c);
  }

  private static String wire(ActorSystem s, ActorRef ref) {
    return ref.path().toSerializationFormatWithAddress(unique(s).address());
  }

  /** Starts an echo on {@code on}; returns the ref {@code from} reaches it by (its path, without #uid). */
  private static ActorRef startEcho(ActorSystem from, ActorSystem on) {
    on.actorOf(Props.create(RemoteMessagingTestSupport.Echo.class), "echo");
    return RemoteMessagingTestSupport.remoteRef(from, on, "/user/echo");
  }

  private static Object message(int i) {
    return i % 3 == 0 ? Done.getInstance() : "m" + i;
  }

  /**
   * Round trips of ten messages through {@code echo} (strings and Done, so both tables have something to hold),
   * each batch received in order from the echo, until {@code done}.
   */
  private static void roundTripsUntil(String what, ActorRef echo, TestKit probe, BooleanSupplier done) {
    int[] next = {0};
    Await.until(what, Duration.ofSeconds(20), () -> {
      roundTrips(echo, probe, next[0], 10);
      next[0] += 10;
      return done.getAsBoolean();
    });
  }

  private static void roundTrips(ActorRef echo, TestKit probe, int from, int n) {
    for (int i = from; i < from + n; i++) echo.tell(message(i), probe.getRef());
    for (int i = from; i < from + n; i++) {
      probe.expectMsg(Duration.ofSeconds(10), message(i));
      assertEquals(echo.path(), probe.getLastSender().path(), "the sender of reply " + i);
    }
  }

  @Test
  void shouldCompressBothWaysKeepingOrderAndSenders() {
    ActorSystem a = system("A", FAST);
    ActorSystem b = system("B", FAST);
    ActorRef echoByPath = startEcho(a, b);
    TestKit probe = new TestKit(a);
    echoByPath.tell("who are you", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "who are you");
    // the reply's sender names the echo's incarnation (#uid): only such paths are worth a table entry
    ActorRef echo = probe.getLastSender();
    String echoPath = echo.path().toSerializationFormat();
    String probePath = wire(a, probe.getRef());
    Association ab = association(a, unique(b).address());
    Association ba = association(b, unique(a).address());
    roundTripsUntil("each node accepted the other's tables of both kinds, holding the echo and the probe", echo, probe, () ->
        ab.outboundActorRefTable().indexOf(echoPath) >= 0 && ab.outboundActorRefTable().indexOf(probePath) >= 0
            && ba.outboundActorRefTable().indexOf(echoPath) >= 0 && ba.outboundActorRefTable().indexOf(probePath) >= 0
            && ab.outboundManifestTable().indexOf("DONE") >= 0 && ba.outboundManifestTable().indexOf("DONE") >= 0);
    assertEquals(-1, ab.outboundActorRefTable().indexOf(echoByPath.path().toSerializationFormat()),
        "a path without #uid is never counted");
    Await.until("both nodes' tables acknowledged", () -> ab.inboundActorRefs().state().activeConfirmed
        && ba.inboundActorRefs().state().activeConfirmed && ab.inboundManifests().state().activeConfirmed
        && ba.inboundManifests().state().activeConfirmed);
    assertTrue(count(a, Counter.COMPRESSION_TABLES_ADVERTISED) >= 2 && count(b, Counter.COMPRESSION_TABLES_ADVERTISED) >= 2);

    long sentA = count(a, Counter.COMPRESSED_MESSAGES_SENT);
    long receivedB = count(b, Counter.COMPRESSED_MESSAGES_RECEIVED);
    long sentB = count(b, Counter.COMPRESSED_MESSAGES_SENT);
    long receivedA = count(a, Counter.COMPRESSED_MESSAGES_RECEIVED);
    roundTrips(echo, probe, 100_000, 500);
    assertEquals(500, count(a, Counter.COMPRESSED_MESSAGES_SENT) - sentA, "every message to B compressed");
    assertEquals(500, count(b, Counter.COMPRESSED_MESSAGES_RECEIVED) - receivedB);
    assertEquals(500, count(b, Counter.COMPRESSED_MESSAGES_SENT) - sentB, "every reply to A compressed");
    assertEquals(500, count(a, Counter.COMPRESSED_MESSAGES_RECEIVED) - receivedA);
    assertEquals(0, RemotingCounters.get(a).totalDropped(), RemotingCounters.get(a).toString());
    assertEquals(0, RemotingCounters.get(b).totalDropped(), RemotingCounters.get(b).toString());
  }

  @Test
  void shouldStartAfreshWithAPeerThatRestarted() {
    ActorSystem a = system("A", FAST);
    ActorSystem b1 = system("B", FAST);
    ActorRef echo1 = startEcho(a, b1);
    TestKit probe = new TestKit(a);
    roundTripsUntil("A compresses what it sends to B", echo1, probe, () -> count(b1, Counter.COMPRESSED_MESSAGES_RECEIVED) > 0);
    Address bAddress = unique(b1).address();
    TestKit.shutdownActorSystem(b1);

    ActorSystem b2 = system("B", FAST + "troupe.remote.artery.canonical.port = " + bAddress.getPort().orElseThrow());
    // B2 speaks first: A learns of the new incarnation from its handshake
    provider(b2).resolveActorRef(wire(a, probe.getRef())).tell("hello from the new incarnation", ActorRef.noSender());
    probe.expectMsg(Duration.ofSeconds(10), "hello from the new incarnation");
    Association ab = association(a, bAddress);
    Await.until("A associated with the new incarnation", () -> ab.peer() != null && ab.peer().uid() == unique(b2).uid());
    assertEquals(0, ab.outboundActorRefTable().version, "B1's tables are void for B2 (spec 4.5)");
    assertEquals(0, ab.outboundManifestTable().version);
    assertEquals(unique(b2).uid(), ab.inboundActorRefs().peerUid, "A counts afresh for B2");

    ActorRef echo2 = startEcho(a, b2);
    roundTrips(echo2, probe, 0, 20);
    assertEquals(0, count(b2, Counter.DROPPED_COMPRESSION_UNKNOWN), "nothing compressed with B1's tables reached B2");
    roundTripsUntil("A compresses with B2's own tables", echo2, probe, () -> count(b2, Counter.COMPRESSED_MESSAGES_RECEIVED) > 0);
    assertEquals(0, count(b2, Counter.DROPPED_COMPRESSION_UNKNOWN));
  }

  // ------------------------------------------------------------------ a peer on raw sockets

  /** Peer X, played on raw sockets: it listens (ignoring what B sends it) and writes frames to B's ordinary stream. */
  private final class RawPeer {
    final UniqueAddress self;
    private final Socket socket;

    RawPeer(ActorSystem target) throws Exception {
      SilentListener listener = nodes.closeLater(new SilentListener());
      self = new UniqueAddress(new Address("troupe", "X", "127.0.0.1", listener.port()), 4242L);
      socket = nodes.closeLater(new Socket("127.0.0.1", unique(target).address().getPort().orElseThrow()));
      socket.setSoTimeout(300);
      send(b -> {
        b.put(FrameDescriptor.MAGIC_AKKA).put((byte) FrameDescriptor.ORDINARY_STREAM_ID);
        int f = EnvelopeWriter.beginFrame(b);
        EnvelopeWriter.writeHeader(b, self.uid(), ControlMessage.SERIALIZER_ID, "", "", "d");
        ControlMessageCodec.encode(new ControlMessage.HandshakeReq(self, unique(target).address()), b);
        EnvelopeWriter.endFrame(b, f);
      });
      Association x = association(target, self.address());
      Await.until("the target associated with X", () -> self.equals(x.peer()) && x.inboundActorRefs() != null);
    }

    String path(String pathAndUid) {
      return self.address() + pathAndUid;
    }

    /** One frame from X; a literal is ignored where its index is not -1 (refVersion -1 writes 0xFF). */
    void frame(ByteBuffer b, int refVersion, int manifestVersion, int serializer, String sender, int senderIndex,
               String recipient, int recipientIndex, String manifest, int manifestIndex, String payload) {
      int f = EnvelopeWriter.beginFrame(b);
      EnvelopeWriter.writeHeader(b, self.uid(), serializer, refVersion, manifestVersion, sender, senderIndex, recipient,
          recipientIndex, manifest, manifestIndex);
      b.put(payload.getBytes(StandardCharsets.UTF_8));
      EnvelopeWriter.endFrame(b, f);
    }

    void send(Consumer<ByteBuffer> frames) throws Exception {
      ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      frames.accept(b);
      OutputStream out = socket.getOutputStream();
      out.write(b.array(), 0, b.position());
      out.flush();
    }

    /** True when the target keeps the connection open (it never writes on it, so a read times out). */
    boolean stillOpen() throws Exception {
      try {
        return socket.getInputStream().read() != -1;
      } catch (SocketTimeoutException open) {
        return true;
      }
    }
  }

  @Test
  void shouldDropMessagesWithUnresolvableCompressedTagsAndKeepTheConnection() throws Exception {
    ActorSystem b = system("B", FAST);
    TestKit probe = new TestKit(b);
    String probePath = wire(b, probe.getRef());
    RawPeer x = new RawPeer(b);
    try (LogCapture logs = new LogCapture(DropLog.class)) {
      x.send(f -> {
        x.frame(f, 7, 0, 20, "", -1, null, 3, "", -1, "recipient of a table B never advertised");
        x.frame(f, 0, 0, 20, "", -1, probePath, -1, null, 0, "manifest of the empty initial table");
        x.frame(f, 1, 0, 20, null, 0, probePath, -1, "", -1, "sender of a version B has not reached");
        x.frame(f, -1, 0, 20, "", -1, null, 0, "", -1, "version 0xFF: compression disabled");
        x.frame(f, 0, 0, ControlMessage.SERIALIZER_ID, null, 0, "", -1, "o", -1, ""); // a Flush: never compressed
        x.frame(f, 0, 0, 20, "", -1, probePath, -1, "", -1, "literal, after the drops");
      });
      // frames of one connection are handled in order: any of the five above would have arrived first
      probe.expectMsg(Duration.ofSeconds(10), "literal, after the drops");
      assertEquals(5, count(b, Counter.DROPPED_COMPRESSION_UNKNOWN));
      assertTrue(x.stillOpen(), "a message that cannot be resolved does not close its connection");
      assertEquals(0, count(b, Counter.CONNECTIONS_CLOSED_MALFORMED));
      assertTrue(logs.events().stream().anyMatch(e -> e.getLevel() == Level.WARN
          && e.getFormattedMessage().contains("compressed recipient (table version 7, index 3)")), "logged: " + logs.events());
    }
  }

  @Test
  void shouldKeepCountingBoundedUnderManyDistinctPathsAndStillFindTheFrequentOne() throws Exception {
    ActorSystem b = system("B", FAST + "troupe.remote.artery.advanced.compression.actor-refs.max = 16\n");
    ActorRef sink = b.actorOf(Props.create(AssociationStateMachineTest.Idle.class), "sink");
    String sinkPath = wire(b, sink);
    RawPeer x = new RawPeer(b);
    long before = count(b, Counter.MESSAGES_RECEIVED);
    x.send(f -> {
      for (int i = 0; i < 2000; i++) x.frame(f, 0, 0, 20, x.path("/user/s" + i + "#" + (i + 1)), -1, sinkPath, -1, "", -1, "m");
    });
    Await.until("B received the 2000 messages", () -> count(b, Counter.MESSAGES_RECEIVED) - before >= 2000);
    InboundCompression refs = association(b, x.self.address()).inboundActorRefs();
    assertEquals(16 * InboundCompression.COUNTED_KEYS_PER_ENTRY, refs.countedKeysLimit());
    assertTrue(refs.countedKeys() > 0 && refs.countedKeys() <= refs.countedKeysLimit(),
        "2001 distinct paths counted in at most " + refs.countedKeysLimit() + " keys, was " + refs.countedKeys());

    // X never acknowledges, so B's table stays advertised: the sink, counted 2000 times, heads it
    InboundCompression.Table advertised = Await.value("B advertised a table to X", Duration.ofSeconds(10), () -> {
      try {
        x.send(f -> x.frame(f, 0, 0, 20, x.path("/user/s0#1"), -1, sinkPath, -1, "", -1, "m"));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return refs.state().advertised;
    });
    assertEquals(16, advertised.size(), "at most max entries");
    assertEquals(sinkPath, advertised.key(0));
  }
}

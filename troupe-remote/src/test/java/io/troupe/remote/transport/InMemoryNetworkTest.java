package io.troupe.remote.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.remote.codec.EnvelopeHeader;
import io.troupe.remote.codec.EnvelopeReader;
import io.troupe.remote.codec.EnvelopeWriter;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.testkit.ManualScheduledExecutor;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory transport the state-machine tests stand on: delivery, faults and the wire record. */
class InMemoryNetworkTest {
  private final ManualScheduledExecutor clock = new ManualScheduledExecutor();
  private final InMemoryNetwork net = new InMemoryNetwork(clock);
  private final List<String> received = new ArrayList<>();
  private final List<Throwable> inboundClosed = new ArrayList<>();
  private final List<Throwable> outboundClosed = new ArrayList<>();

  @AfterEach
  void close() {
    net.close();
  }

  private InMemoryTransport node(String host, int port) {
    InMemoryTransport t = new InMemoryTransport(net, host, 64 * 1024);
    t.bind(host, port, remote -> new InboundFrameHandler() {
      @Override public void onStream(int streamId) { received.add("stream " + streamId); }

      @Override
      public void onFrame(int streamId, ByteBuffer frame) {
        EnvelopeHeader h = new EnvelopeHeader();
        EnvelopeReader.read(frame, h);
        ByteBuffer p = EnvelopeReader.payload(frame, h);
        byte[] b = new byte[p.remaining()];
        p.get(b);
        received.add(new String(b, StandardCharsets.UTF_8));
      }

      @Override public void onClosed(Throwable cause) { inboundClosed.add(cause); }
    });
    return t;
  }

  private OutboundConnection connect(InMemoryTransport from, String host, int port) {
    CompletableFuture<OutboundConnection> f = from.connect(host, port, FrameDescriptor.ORDINARY_STREAM_ID, clock,
        (c, cause) -> outboundClosed.add(cause)).toCompletableFuture();
    clock.runPending();
    return f.getNow(null);
  }

  private static void write(OutboundConnection c, String text) {
    ByteBuffer b = c.writeBuffer(256);
    int start = EnvelopeWriter.beginFrame(b);
    EnvelopeWriter.writeHeader(b, 42L, 20, "", "", "");
    b.put(text.getBytes(StandardCharsets.UTF_8));
    EnvelopeWriter.endFrame(b, start);
    c.commit(b);
  }

  @Test
  void shouldDeliverFlushedFramesInOrderOnlyWhenTheExecutorRuns() {
    InMemoryTransport a = node("a", 1);
    node("b", 2);
    OutboundConnection c = connect(a, "b", 2);
    write(c, "one");
    write(c, "two");
    clock.runPending();
    assertEquals(List.of(), received, "committed but not flushed");
    c.flush();
    assertEquals(List.of(), received, "flushed, but the executor has not run");
    clock.runPending();
    assertEquals(List.of("stream 2", "one", "two"), received);
    assertEquals(List.of("one", "two"), net.frames("a:1", "b:2").stream().map(WireFrame::text).collect(Collectors.toList()));
  }

  @Test
  void shouldRefuseConnectionsToAnUnboundOrRefusingPort() {
    InMemoryTransport a = node("a", 1);
    node("b", 2);
    net.refuseConnections("b:2");
    CompletableFuture<OutboundConnection> refused = a.connect("b", 2, 1, clock, (c, e) -> { }).toCompletableFuture();
    CompletableFuture<OutboundConnection> nobody = a.connect("c", 3, 1, clock, (c, e) -> { }).toCompletableFuture();
    clock.runPending();
    assertTrue(refused.isCompletedExceptionally());
    assertTrue(nobody.isCompletedExceptionally());
    Throwable cause = assertThrows(ExecutionException.class, refused::get).getCause();
    assertTrue(cause instanceof ConnectException, cause.toString());
    net.acceptConnections("b:2");
    assertTrue(connect(a, "b", 2).isOpen());
  }

  @Test
  void shouldRecordButNotDeliverDroppedFramesUntilHealed() {
    InMemoryTransport a = node("a", 1);
    node("b", 2);
    OutboundConnection c = connect(a, "b", 2);
    InMemoryNetwork.Fault hole = net.blackhole("a:1", "b:2");
    write(c, "lost");
    c.flush();
    clock.runPending();
    hole.heal();
    write(c, "kept");
    c.flush();
    clock.runPending();
    assertEquals(List.of("stream 2", "kept"), received);
    assertEquals(List.of("lost (dropped)", "kept"), net.frames("a:1", "b:2").stream()
        .map(f -> f.text() + (f.dropped() ? " (dropped)" : "")).collect(Collectors.toList()));
  }

  @Test
  void shouldResetBothEndsAndLoseBytesInFlightWhenBroken() {
    InMemoryTransport a = node("a", 1);
    node("b", 2);
    OutboundConnection c = connect(a, "b", 2);
    write(c, "in-flight");
    c.flush();
    assertEquals(1, net.breakConnections("a:1", "b:2"));
    clock.runPending();
    assertEquals(List.of(), received);
    assertTrue(inboundClosed.get(0) instanceof IOException, String.valueOf(inboundClosed));
    assertTrue(outboundClosed.get(0) instanceof IOException, String.valueOf(outboundClosed));
    assertEquals(false, c.isOpen());
  }

  @Test
  void shouldFreeTheAddressOfACrashedNodeForARestart() {
    InMemoryTransport a = node("a", 1);
    node("b", 2);
    connect(a, "b", 2);
    net.crash("b:2");
    clock.runPending();
    assertEquals(1, outboundClosed.size());
    node("b", 2);
    assertTrue(connect(a, "b", 2).isOpen(), "the restarted node accepts connections");
  }

  @Test
  void shouldCloseOnlyTheConnectionThatBreaksFraming() {
    InMemoryTransport a = node("a", 1);
    node("b", 2);
    OutboundConnection bad = connect(a, "b", 2);
    ByteBuffer b = bad.writeBuffer(8);
    b.putInt(-3);
    bad.commit(b);
    bad.flush();
    clock.runPending();
    assertTrue(inboundClosed.get(0) instanceof MalformedFrameException, String.valueOf(inboundClosed));
    OutboundConnection good = connect(a, "b", 2);
    write(good, "fine");
    good.flush();
    clock.runPending();
    assertEquals("fine", received.get(received.size() - 1));
  }
}

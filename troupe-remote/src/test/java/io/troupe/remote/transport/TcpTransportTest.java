package io.troupe.remote.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.remote.codec.EnvelopeHeader;
import io.troupe.remote.codec.EnvelopeReader;
import io.troupe.remote.codec.EnvelopeWriter;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.transport.tcp.TcpTransport;
import io.troupe.remote.transport.tcp.TcpTransportSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Frames over real loopback sockets: order, batching, and isolation of a connection that sends garbage. */
class TcpTransportTest {
  private TcpTransport transport;
  private InetSocketAddress bound;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Integer> streams = new CopyOnWriteArrayList<>();
  private final List<Throwable> closed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    transport = new TcpTransport("test", TcpTransportSettings.defaults(), true);
    bound = transport.bind("127.0.0.1", 0, remote -> new InboundFrameHandler() {
      @Override public void onStream(int streamId) { streams.add(streamId); }

      @Override
      public void onFrame(int streamId, ByteBuffer frame) {
        EnvelopeHeader h = new EnvelopeHeader();
        EnvelopeReader.read(frame, h);
        ByteBuffer p = EnvelopeReader.payload(frame, h);
        byte[] b = new byte[p.remaining()];
        p.get(b);
        received.add(new String(b, StandardCharsets.UTF_8));
      }

      @Override public void onClosed(Throwable cause) { closed.add(cause == null ? new RuntimeException("orderly") : cause); }
    }).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  private static void awaitTrue(String what, java.util.function.BooleanSupplier c) {
    io.troupe.testkit.Await.until(what, c);
  }

  private static void writeFrame(OutboundConnection c, String text) {
    ByteBuffer b = c.writeBuffer(256);
    int start = EnvelopeWriter.beginFrame(b);
    EnvelopeWriter.writeHeader(b, 42L, 20, "", "troupe://b@127.0.0.1:1/user/x", "");
    b.put(text.getBytes(StandardCharsets.UTF_8));
    EnvelopeWriter.endFrame(b, start);
    c.commit(b);
  }

  @Test
  void shouldDeliverBatchedFramesInOrder() throws Exception {
    ScheduledExecutorService ex = transport.newAffinityExecutor();
    OutboundConnection c = transport.connect("127.0.0.1", bound.getPort(), FrameDescriptor.ORDINARY_STREAM_ID, ex,
        (conn, cause) -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
    int n = 10_000;
    ex.submit(() -> {
      for (int i = 0; i < n; i++) {
        writeFrame(c, "m" + i);
        if (i % 500 == 499) c.flush();
      }
      c.flush();
    }).get(5, TimeUnit.SECONDS);
    awaitTrue("all frames", () -> received.size() == n);
    for (int i = 0; i < n; i++) assertEquals("m" + i, received.get(i));
    assertEquals(List.of(FrameDescriptor.ORDINARY_STREAM_ID), streams);
  }

  @Test
  void shouldCloseOnlyTheConnectionThatSendsGarbage() throws Exception {
    ScheduledExecutorService ex = transport.newAffinityExecutor();
    OutboundConnection good = transport.connect("127.0.0.1", bound.getPort(), FrameDescriptor.CONTROL_STREAM_ID, ex,
        (conn, cause) -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
    ex.submit(() -> { writeFrame(good, "before"); good.flush(); }).get(5, TimeUnit.SECONDS);
    awaitTrue("first frame", () -> received.contains("before"));

    for (byte[] garbage : List.of("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        new byte[] {'A', 'K', 'K', 'A', 2, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
        new byte[] {'A', 'K', 'K', 'A', 7})) {
      try (Socket bad = new Socket("127.0.0.1", bound.getPort())) {
        bad.setSoTimeout(10_000);
        OutputStream out = bad.getOutputStream();
        out.write(garbage);
        out.flush();
        InputStream in = bad.getInputStream();
        assertEquals(-1, in.read(), "the server closes the offending connection");
      }
    }
    assertEquals(3, transport.malformedConnections());

    ex.submit(() -> { writeFrame(good, "after"); good.flush(); }).get(5, TimeUnit.SECONDS);
    awaitTrue("frame after the garbage", () -> received.contains("after"));
    assertTrue(good.isOpen());
  }

  @Test
  void shouldFailToConnectToAClosedPort() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ScheduledExecutorService ex = transport.newAffinityExecutor();
    ExecutionException e = assertThrows(ExecutionException.class, () -> transport.connect("127.0.0.1", port, 1, ex,
        (conn, cause) -> { }).toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof java.net.ConnectException, e.getCause().toString());
  }

  @Test
  void shouldReportAnOrderlyCloseToTheInboundHandler() throws Exception {
    ScheduledExecutorService ex = transport.newAffinityExecutor();
    OutboundConnection c = transport.connect("127.0.0.1", bound.getPort(), FrameDescriptor.LARGE_STREAM_ID, ex,
        (conn, cause) -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
    ex.submit(() -> { writeFrame(c, "last"); c.close(); }).get(5, TimeUnit.SECONDS);
    awaitTrue("close seen", () -> !closed.isEmpty());
    assertTrue(received.contains("last"));
    assertEquals(List.of(FrameDescriptor.LARGE_STREAM_ID), streams);
  }
}

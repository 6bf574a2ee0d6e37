package io.troupe.remote.artery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.EnvelopeHeader;
import io.troupe.remote.codec.EnvelopeReader;
import io.troupe.remote.codec.EnvelopeWriter;
import io.troupe.remote.codec.WireVectors;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compression exchange two real Pekko 1.7.0 nodes had in the capture (spec 2.7, 8.1): SysA advertised its tables
 * (frames 63, 64), SysB acknowledged them (65, 66) and from then on sent version bytes {@code 01 01} on its ordinary
 * stream (80) and compressed tags {@code 00 00 00 ff} / {@code 01 00 00 ff} (81-83). Troupe's tables must read and
 * write exactly these bytes.
 */
class CompressionVectorTest {
  private static final List<Map<String, Object>> FRAMES = WireVectors.frames();
  private static final long SYS_A = 6884423585422772145L;
  private static final long SYS_B = 5899799014114889634L;
  private static final String ECHO = "pekko://SysB@127.0.0.1:25530/user/echo#121359565";
  private static final String PROBE = "pekko://SysA@127.0.0.1:25520/user/probe#1329560230";

  private static Map<String, Object> frame(int seq) {
    for (Map<String, Object> f : FRAMES) {
      if (f.get("scenario").equals("main") && ((BigInteger) f.get("seq")).intValue() == seq) return f;
    }
    throw new AssertionError("no frame " + seq);
  }

  private static byte[] bytes(Map<String, Object> f) {
    return WireVectors.unhex((String) f.get("frameHex"));
  }

  private static ControlMessage control(Map<String, Object> f) {
    EnvelopeHeader h = new EnvelopeHeader();
    ByteBuffer in = ByteBuffer.wrap(bytes(f));
    EnvelopeReader.read(in, h);
    return ControlMessageCodec.decode(h.manifestLiteral, EnvelopeReader.payload(in, h));
  }

  private static byte[] payload(Map<String, Object> f) {
    EnvelopeHeader h = new EnvelopeHeader();
    ByteBuffer in = ByteBuffer.wrap(bytes(f));
    EnvelopeReader.read(in, h);
    ByteBuffer p = EnvelopeReader.payload(in, h);
    byte[] b = new byte[p.remaining()];
    p.get(b);
    return b;
  }

  private static String hex(ByteBuffer out) {
    byte[] b = new byte[out.position()];
    out.flip();
    out.get(b);
    return WireVectors.hex(b);
  }

  @Test
  void shouldDecodeTheCapturedAdvertisementsAndAcks() {
    ControlMessage.CompressionAdvertisement refs = (ControlMessage.CompressionAdvertisement) control(frame(63));
    assertTrue(refs.actorRefs());
    assertEquals(SYS_A, refs.from().uid(), "from = the advertiser");
    assertEquals(SYS_B, refs.originUid(), "originUid = the peer that is to compress");
    assertEquals(1, refs.tableVersion());
    assertEquals(List.of(ECHO, PROBE), refs.keys());
    assertEquals(List.of(0, 1), refs.values());

    ControlMessage.CompressionAdvertisement manifests = (ControlMessage.CompressionAdvertisement) control(frame(64));
    assertFalse(manifests.actorRefs());
    assertEquals(1, manifests.tableVersion());
    assertEquals(List.of("E", "wirecapture.Msgs$JsonMsg", "wirecapture.Msgs$CborMsg", "DONE", "G", "B", "H", "D"), manifests.keys());
    assertEquals(List.of(5, 3, 4, 2, 6, 7, 0, 1), manifests.values(), "Pekko's values need not follow the key order");

    for (int seq : new int[] {65, 66}) {
      ControlMessage.CompressionAdvertisementAck ack = (ControlMessage.CompressionAdvertisementAck) control(frame(seq));
      assertEquals(seq == 65, ack.actorRefs());
      assertEquals(SYS_B, ack.from().uid(), "from = the acknowledging node");
      assertEquals(1, ack.version());
    }
  }

  @Test
  void shouldTakeIndicesFromTheValuesOfAnAdvertisement() {
    ControlMessage.CompressionAdvertisement m = (ControlMessage.CompressionAdvertisement) control(frame(64));
    OutboundCompressionTable t = OutboundCompressionTable.of(m.tableVersion(), m.keys(), m.values());
    assertNotNull(t);
    assertEquals(1, t.version);
    assertEquals(5, t.indexOf("E"));
    assertEquals(0, t.indexOf("H"));
    assertEquals(3, t.indexOf("wirecapture.Msgs$JsonMsg"));
    assertEquals(-1, t.indexOf(""), "the empty manifest is never compressed");
    assertEquals(null, OutboundCompressionTable.of(128, m.keys(), m.values()), "versions are 0..127");
    assertEquals(null, OutboundCompressionTable.of(1, List.of("x"), List.of(65536)), "indices are 16 bits");
  }

  /** SysB, having accepted SysA's tables, writes frames 80 and 81: Troupe's writer with the same tables, byte for byte. */
  @Test
  void shouldWriteTheCapturedOrdinaryFramesWithTheAcceptedTables() {
    ControlMessage.CompressionAdvertisement r = (ControlMessage.CompressionAdvertisement) control(frame(63));
    ControlMessage.CompressionAdvertisement m = (ControlMessage.CompressionAdvertisement) control(frame(64));
    OutboundCompressionTable refs = OutboundCompressionTable.of(r.tableVersion(), r.keys(), r.values());
    OutboundCompressionTable manifests = OutboundCompressionTable.of(m.tableVersion(), m.keys(), m.values());

    // frame 81: "after-compression-1" from echo to probe: both refs compressed, the empty manifest literal
    Map<String, Object> f81 = frame(81);
    assertEquals(ECHO, f81.get("sender"), "the capture tool resolved the sender with the advertisement");
    ByteBuffer out = ByteBuffer.allocate(256);
    int start = EnvelopeWriter.beginFrame(out);
    EnvelopeWriter.writeHeader(out, SYS_B, 20, refs.version, manifests.version, ECHO, refs.indexOf(ECHO), PROBE,
        refs.indexOf(PROBE), "", -1);
    out.put(payload(f81));
    EnvelopeWriter.endFrame(out, start);
    assertEquals(f81.get("lengthPrefixHex") + (String) f81.get("frameHex"), hex(out));

    // frame 80: a HandshakeReq on the ordinary stream: literal tags, but the tables' versions in the header
    Map<String, Object> f80 = frame(80);
    ControlMessage.HandshakeReq req = (ControlMessage.HandshakeReq) control(f80);
    out = ByteBuffer.allocate(256);
    start = EnvelopeWriter.beginFrame(out);
    EnvelopeWriter.writeHeader(out, SYS_B, ControlMessage.SERIALIZER_ID, refs.version, manifests.version, "", -1, "", -1, "d", -1);
    ControlMessageCodec.encode(req, out);
    EnvelopeWriter.endFrame(out, start);
    assertEquals(f80.get("lengthPrefixHex") + (String) f80.get("frameHex"), hex(out));
  }

  /**
   * SysA's side: a table built from counts in which echo came first and probe second is the table of frame 63; its
   * advertisement is byte for byte Pekko's, and it resolves the compressed tags of frames 81-83.
   */
  @Test
  void shouldAdvertiseAndDecodeAsTheCapturedReceiverDid() {
    ControlMessage.CompressionAdvertisement captured = (ControlMessage.CompressionAdvertisement) control(frame(63));
    UniqueAddress sysA = captured.from();
    InboundCompression c = new InboundCompression(true, SYS_B, 256);
    HitCounter counter = c.hits(this);
    counter.hit(ECHO, "echo-ref");
    counter.hit(PROBE, "probe-ref");
    counter.hit(ECHO, "echo-ref");
    c.tick();
    InboundCompression.Table t = c.advertiseFrom(counter);
    ByteBuffer out = ByteBuffer.allocate(512);
    ControlMessageCodec.encode(c.advertisement(sysA, t), out);
    assertEquals(WireVectors.hex(payload(frame(63))), hex(out));

    EnvelopeHeader h = new EnvelopeHeader();
    for (int seq = 81; seq <= 83; seq++) {
      Map<String, Object> f = frame(seq);
      ByteBuffer in = ByteBuffer.wrap(bytes(f));
      EnvelopeReader.read(in, h);
      assertEquals(1, h.actorRefTableVersion);
      assertEquals(1, h.manifestTableVersion);
      assertTrue(h.senderCompressed() && h.recipientCompressed() && !h.manifestCompressed(), "frame " + seq);
      InboundCompression.Table used = c.table(h.actorRefTableVersion);
      assertNotNull(used, "the first frame using version 1 confirms it, the ack may come later");
      assertEquals("echo-ref", used.value(h.senderIndex()));
      assertEquals("probe-ref", used.value(h.recipientIndex()));
      assertEquals(f.get("sender"), used.key(h.senderIndex()));
      assertEquals(f.get("recipient"), used.key(h.recipientIndex()));
      assertEquals("", h.manifestLiteral);
    }
    assertEquals(1, c.state().active.version);
  }
}

package io.troupe.remote.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every frame two real Pekko 1.7.0 nodes exchanged decodes, and re-encodes to the same bytes. */
class EnvelopeCodecVectorTest {
  private static final List<Map<String, Object>> FRAMES = WireVectors.frames();

  private static long num(Map<String, Object> f, String k) {
    return ((BigInteger) f.get(k)).longValue();
  }

  @Test
  void shouldDecodeEveryCapturedFrameHeader() {
    assertEquals(226, FRAMES.size(), "the committed capture has 226 frames");
    EnvelopeHeader h = new EnvelopeHeader();
    for (Map<String, Object> f : FRAMES) {
      String where = "frame seq " + f.get("seq") + " (" + f.get("label") + ")";
      byte[] frame = WireVectors.unhex((String) f.get("frameHex"));
      EnvelopeReader.read(ByteBuffer.wrap(frame), h);
      assertEquals(0, h.version, where);
      assertEquals(num(f, "originUid"), h.originUid, where);
      assertEquals(num(f, "serializerId"), h.serializerId, where);
      assertEquals(num(f, "actorRefTableVersion"), h.actorRefTableVersion, where);
      assertEquals(num(f, "manifestTableVersion"), h.manifestTableVersion, where);
      assertEquals(num(f, "payloadOffset"), h.payloadOffset, where);
      assertEquals(frame.length - h.payloadOffset, h.payloadLength, where);
      if (!h.manifestCompressed()) assertEquals(f.get("manifest") == null ? "" : f.get("manifest"), h.manifestLiteral, where);
      if (!h.senderCompressed()) assertEquals(f.get("sender") == null ? "" : f.get("sender"), h.senderLiteral, where);
      if (!h.recipientCompressed()) assertEquals(f.get("recipient") == null ? "" : f.get("recipient"), h.recipientLiteral, where);
      int prefix = ByteBuffer.wrap(WireVectors.unhex((String) f.get("lengthPrefixHex"))).order(ByteOrder.LITTLE_ENDIAN).getInt();
      assertEquals(frame.length, prefix, where);
    }
  }

  @Test
  void shouldReencodeEveryCapturedFrameByteForByte() {
    EnvelopeHeader h = new EnvelopeHeader();
    int compressed = 0;
    for (Map<String, Object> f : FRAMES) {
      String where = "frame seq " + f.get("seq") + " (" + f.get("label") + ")";
      byte[] frame = WireVectors.unhex((String) f.get("frameHex"));
      ByteBuffer in = ByteBuffer.wrap(frame);
      EnvelopeReader.read(in, h);
      if (h.senderCompressed() || h.recipientCompressed() || h.manifestCompressed()) compressed++;
      ByteBuffer out = ByteBuffer.allocate(frame.length + 16);
      int start = EnvelopeWriter.beginFrame(out);
      EnvelopeWriter.writeHeader(out, h.originUid, h.serializerId, h.actorRefTableVersion, h.manifestTableVersion,
          h.senderLiteral, h.senderCompressed() ? h.senderIndex() : -1,
          h.recipientLiteral, h.recipientCompressed() ? h.recipientIndex() : -1,
          h.manifestLiteral, h.manifestCompressed() ? h.manifestIndex() : -1);
      out.put(EnvelopeReader.payload(in, h));
      EnvelopeWriter.endFrame(out, start);
      byte[] encoded = new byte[out.position()];
      out.flip();
      out.get(encoded);
      byte[] expected = WireVectors.unhex(f.get("lengthPrefixHex") + (String) f.get("frameHex"));
      assertEquals(WireVectors.hex(expected), WireVectors.hex(encoded), where);
    }
    assertTrue(compressed > 0, "the capture contains compressed frames, which must re-encode too");
  }

  @Test
  void shouldRoundTripEveryControlMessageBody() {
    EnvelopeHeader h = new EnvelopeHeader();
    List<String> manifests = new ArrayList<>();
    for (Map<String, Object> f : FRAMES) {
      if (num(f, "serializerId") != ControlMessage.SERIALIZER_ID) continue;
      String where = "frame seq " + f.get("seq") + " (" + f.get("label") + ")";
      byte[] frame = WireVectors.unhex((String) f.get("frameHex"));
      ByteBuffer in = ByteBuffer.wrap(frame);
      EnvelopeReader.read(in, h);
      ByteBuffer payload = EnvelopeReader.payload(in, h);
      byte[] body = new byte[payload.remaining()];
      payload.duplicate().get(body);
      ControlMessage m = ControlMessageCodec.decode(h.manifestLiteral, payload);
      assertEquals(h.manifestLiteral, m.manifest(), where);
      ByteBuffer out = ByteBuffer.allocate(body.length + 64);
      ControlMessageCodec.encode(m, out);
      byte[] re = new byte[out.position()];
      out.flip();
      out.get(re);
      assertArrayEquals(body, re, where + ": " + m);
      if (!manifests.contains(m.manifest())) manifests.add(m.manifest());
    }
    for (String expected : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "n", "o", "p")) {
      assertTrue(manifests.contains(expected), "the capture has control messages of manifest " + expected + " (found " + manifests + ")");
    }
  }

  @Test
  void shouldDecodeHandshakeReqFieldsOfTheWorkedExample() {
    // spec 2.7: HandshakeReq SysA -> SysB, capture frame #2
    Map<String, Object> f = FRAMES.get(1);
    byte[] frame = WireVectors.unhex((String) f.get("frameHex"));
    EnvelopeHeader h = new EnvelopeHeader();
    ByteBuffer in = ByteBuffer.wrap(frame);
    EnvelopeReader.read(in, h);
    ControlMessage.HandshakeReq req = (ControlMessage.HandshakeReq) ControlMessageCodec.decode("d", EnvelopeReader.payload(in, h));
    assertEquals("pekko://SysA@127.0.0.1:25520", req.from().address().toString());
    assertEquals(6884423585422772145L, req.from().uid());
    assertEquals("pekko://SysB@127.0.0.1:25530", req.to().toString());
    assertEquals("", h.senderLiteral);
    assertEquals("", h.recipientLiteral);
  }

  @Test
  void shouldSplitEveryCapturedConnectionIntoTheCapturedFrames() {
    for (Map.Entry<String, byte[]> e : WireVectors.streams().entrySet()) {
      String name = e.getKey();
      int conn = Integer.parseInt(name.replaceAll("^[a-z]+-conn(\\d+)-.*$", "$1"));
      String scenario = name.substring(0, name.indexOf('-'));
      List<String> expected = new ArrayList<>();
      for (Map<String, Object> f : FRAMES) {
        if (f.get("scenario").equals(scenario) && num(f, "conn") == conn) expected.add((String) f.get("frameHex"));
      }
      // whole buffer at once
      assertEquals(expected, split(e.getValue(), e.getValue().length), name);
      // and dribbled in 7-byte chunks, as a slow network would deliver it
      assertEquals(expected, split(e.getValue(), 7), name + " in small chunks");
    }
  }

  private static List<String> split(byte[] stream, int chunk) {
    FrameDecoder d = new FrameDecoder(2 * 1024 * 1024);
    ByteBuffer acc = ByteBuffer.allocate(stream.length);
    acc.flip();
    List<String> out = new ArrayList<>();
    for (int off = 0; off < stream.length; off += chunk) {
      int n = Math.min(chunk, stream.length - off);
      acc.compact();
      acc.put(stream, off, n);
      acc.flip();
      ByteBuffer f;
      while ((f = d.nextFrame(acc)) != null) {
        byte[] b = new byte[f.remaining()];
        f.get(b);
        out.add(WireVectors.hex(b));
      }
    }
    assertFalse(acc.hasRemaining(), "no bytes left over");
    assertTrue(d.streamId() >= 1 && d.streamId() <= 3);
    return out;
  }

  @Test
  void shouldReadAnEmptyFlushAckBodyAsOneExpectedAck() {
    ControlMessage.FlushAck a = (ControlMessage.FlushAck) ControlMessageCodec.decode("p", ByteBuffer.allocate(0));
    assertEquals(1, a.expectedAcks());
    assertNull(null);
  }
}

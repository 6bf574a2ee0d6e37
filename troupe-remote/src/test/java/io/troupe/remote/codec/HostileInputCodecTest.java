package io.troupe.remote.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes from a peer: every input either decodes or fails with {@link MalformedFrameException}, and nothing asks
 * for more memory than the frame limit.
 */
class HostileInputCodecTest {
  private static final int MAX = 256 * 1024;

  private static ByteBuffer bytes(int... b) {
    ByteBuffer x = ByteBuffer.allocate(b.length);
    for (int v : b) x.put((byte) v);
    x.flip();
    return x;
  }

  @Test
  void shouldRefuseAWrongMagic() {
    MalformedFrameException e = assertThrows(MalformedFrameException.class,
        () -> new FrameDecoder(MAX).nextFrame(bytes('G', 'E', 'T', ' ', 1, 0, 0, 0, 0)));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void shouldAcceptThePekkMagic() {
    FrameDecoder d = new FrameDecoder(MAX);
    assertNull(d.nextFrame(bytes('P', 'E', 'K', 'K', 2)));
    assertEquals(2, d.streamId());
  }

  @Test
  void shouldRefuseAnUnknownStreamId() {
    assertThrows(MalformedFrameException.class, () -> new FrameDecoder(MAX).nextFrame(bytes('A', 'K', 'K', 'A', 9)));
  }

  @Test
  void shouldRefuseANegativeOrOversizedLengthBeforeBufferingIt() {
    ByteBuffer neg = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    neg.put(FrameDescriptor.MAGIC_AKKA).put((byte) 1).putInt(-3).flip();
    assertThrows(MalformedFrameException.class, () -> new FrameDecoder(MAX).nextFrame(neg));
    ByteBuffer big = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    big.put(FrameDescriptor.MAGIC_AKKA).put((byte) 2).putInt(MAX + 1).flip();
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> new FrameDecoder(MAX).nextFrame(big));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
  }

  @Test
  void shouldWaitForTheRestOfATruncatedFrameWithoutConsumingIt() {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    b.put(FrameDescriptor.MAGIC_AKKA).put((byte) 2).putInt(40).put(new byte[10]).flip();
    FrameDecoder d = new FrameDecoder(MAX);
    assertNull(d.nextFrame(b));
    assertEquals(5, b.position(), "the preamble is consumed, the partial frame is not");
    assertEquals(30, d.bytesNeeded(b));
  }

  @Test
  void shouldRefuseLiteralsThatRunPastTheEnvelope() {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[16]).putInt(28).putInt(30).putInt(32).putShort((short) 500).put(new byte[10]).flip();
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> EnvelopeReader.read(b, new EnvelopeHeader()));
    assertTrue(e.getMessage().contains("sender literal"), e.getMessage());
  }

  @Test
  void shouldRefuseMetadataLongerThanTheEnvelope() {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0).put((byte) 1).put(new byte[26]).putInt(Integer.MAX_VALUE).put(new byte[8]).flip();
    assertThrows(MalformedFrameException.class, () -> EnvelopeReader.read(b, new EnvelopeHeader()));
  }

  @Test
  void shouldRefuseControlBodiesWithHugeLengthsWithoutAllocating() {
    // field 1, length-delimited, length 2^31-ish: must not allocate
    ByteBuffer b = bytes(0x0a, 0xff, 0xff, 0xff, 0xff, 0x07);
    assertThrows(MalformedFrameException.class, () -> ControlMessageCodec.decode("d", b));
    assertThrows(MalformedFrameException.class, () -> ControlMessageCodec.decode("zz", ByteBuffer.allocate(0)));
    assertThrows(MalformedFrameException.class, () -> ControlMessageCodec.decode("d", ByteBuffer.allocate(0)));
  }

  /** Mutations of every captured frame and random bytes: only MalformedFrameException may escape. */
  @Test
  void shouldOnlyEverThrowMalformedFrameExceptionOnMutatedOrRandomInput() {
    List<byte[]> seeds = new ArrayList<>();
    List<String> manifests = new ArrayList<>();
    for (Map<String, Object> f : WireVectors.frames()) {
      seeds.add(WireVectors.unhex((String) f.get("frameHex")));
      manifests.add(((BigInteger) f.get("serializerId")).intValue() == 17 ? (String) f.get("manifest") : null);
    }
    SplittableRandom rnd = new SplittableRandom(20261123L);
    int decoded = 0, refused = 0;
    for (int round = 0; round < 20_000; round++) {
      int i = rnd.nextInt(seeds.size());
      byte[] in = mutate(seeds.get(i), rnd);
      try {
        EnvelopeHeader h = new EnvelopeHeader();
        ByteBuffer frame = ByteBuffer.wrap(in);
        EnvelopeReader.read(frame, h);
        if (manifests.get(i) != null) ControlMessageCodec.decode(h.manifestLiteral == null ? manifests.get(i) : h.manifestLiteral, EnvelopeReader.payload(frame, h));
        decoded++;
      } catch (MalformedFrameException expected) {
        refused++;
      }
      // the same bytes as a connection stream
      try {
        FrameDecoder d = new FrameDecoder(MAX);
        ByteBuffer s = ByteBuffer.wrap(in);
        while (d.nextFrame(s) != null) { /* drain */ }
      } catch (MalformedFrameException expected) {
        refused++;
      }
    }
    assertTrue(decoded > 0 && refused > 0, "the fuzzer exercised both outcomes: decoded " + decoded + ", refused " + refused);
  }

  private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
    switch (rnd.nextInt(5)) {
      case 0: { // flip bytes
        byte[] b = seed.clone();
        for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
        return b;
      }
      case 1: { // truncate
        return java.util.Arrays.copyOf(seed, rnd.nextInt(seed.length));
      }
      case 2: { // extend with garbage
        byte[] b = java.util.Arrays.copyOf(seed, seed.length + 1 + rnd.nextInt(32));
        for (int k = seed.length; k < b.length; k++) b[k] = (byte) rnd.nextInt(256);
        return b;
      }
      case 3: { // overwrite a 32-bit field with an extreme value
        byte[] b = seed.clone();
        int at = rnd.nextInt(Math.max(1, b.length - 4));
        int v = rnd.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE + rnd.nextInt(100);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        return b;
      }
      default: { // random bytes
        byte[] b = new byte[rnd.nextInt(200)];
        for (int k = 0; k < b.length; k++) b[k] = (byte) rnd.nextInt(256);
        return b;
      }
    }
  }
}

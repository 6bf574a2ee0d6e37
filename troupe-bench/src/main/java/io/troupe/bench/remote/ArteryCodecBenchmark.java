package io.troupe.bench.remote;

import io.troupe.bench.AbstractBenchmark;
import io.troupe.remote.codec.EnvelopeHeader;
import io.troupe.remote.codec.EnvelopeReader;
import io.troupe.remote.codec.EnvelopeWriter;
import io.troupe.remote.codec.FrameDecoder;
import io.troupe.remote.codec.FrameDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What do encoding and decoding one Artery frame cost, without the network and the actors?
 *
 * <p>Workload: a frame as the benchmark contract's tp-100 sends it: literal sender and recipient paths of about 50
 * characters, an empty manifest, a 100-byte payload (serializer 4). {@code encode} writes {@value #FRAMES} such frames
 * into a direct little-endian buffer (length prefix, header, literals, payload, length patched), as the outbound path
 * does into its pooled chunk; {@code decode} splits the same bytes into frames and reads each header and payload
 * slice, as the inbound path does on its I/O thread before deserializing. Scores are per frame; {@code -prof gc} shows
 * the bytes allocated per frame (the literal strings are recognised again, not rebuilt, so decoding allocates only
 * the slices).
 *
 * <pre>
 * java -jar troupe-bench/target/benchmarks.jar 'io.troupe.bench.remote.ArteryCodecBenchmark' -prof gc
 * </pre>
 */
@State(Scope.Thread)
public class ArteryCodecBenchmark extends AbstractBenchmark {
  static final int FRAMES = 100;
  private static final String SENDER = "troupe://bench@127.0.0.1:40001/user/snd-0";
  private static final String RECIPIENT = "troupe://bench@127.0.0.1:40002/user/rcv-0";
  private static final long UID = 0x1234_5678_9abc_def0L;

  private final byte[] payload = new byte[100];
  private ByteBuffer out;
  private ByteBuffer encoded;
  private final EnvelopeHeader header = new EnvelopeHeader();

  @Setup(Level.Trial)
  public void setUp() {
    out = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    encodeFrames();
    out.flip();
    encoded = ByteBuffer.allocateDirect(FrameDescriptor.PREAMBLE_LENGTH + out.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    encoded.put(FrameDescriptor.MAGIC_AKKA).put((byte) FrameDescriptor.ORDINARY_STREAM_ID).put(out).flip();
  }

  private void encodeFrames() {
    ByteBuffer b = out;
    b.clear();
    for (int i = 0; i < FRAMES; i++) {
      int start = EnvelopeWriter.beginFrame(b);
      EnvelopeWriter.writeHeader(b, UID, 4, SENDER, RECIPIENT, "");
      b.put(payload);
      EnvelopeWriter.endFrame(b, start);
    }
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public int encode() {
    encodeFrames();
    return out.position();
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void decode(Blackhole bh) {
    FrameDecoder frames = new FrameDecoder(256 * 1024);
    ByteBuffer in = encoded.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer f;
    while ((f = frames.nextFrame(in)) != null) {
      EnvelopeReader.read(f, header);
      bh.consume(header.recipientLiteral);
      bh.consume(EnvelopeReader.payload(f, header));
    }
  }
}

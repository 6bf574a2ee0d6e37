package io.troupe.bench.serialization.troupe;

import com.typesafe.config.ConfigFactory;
import io.troupe.bench.AbstractBenchmark;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import io.troupe.actor.ActorSystem;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.SerializerWithStringManifest;
import io.troupe.serialization.Serializers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does it cost to serialize one message and read it back through the serialization extension, as remoting does
 * for every message it sends and receives?
 *
 * <p>Workload, per invocation: find the serializer bound to the message's class, write the message to bytes, compute
 * its manifest, and read it back with that serializer (by string manifest when the serializer uses one, by class
 * otherwise). Three messages, chosen by {@code payload}: {@code bytes}, a 100-byte {@code byte[]} (ByteArraySerializer,
 * id 4: the floor, no copying at all); {@code string}, a 32-character ASCII {@code String} (StringSerializer, id 20:
 * UTF-8 encode and decode); {@code jackson}, a small record bound to {@code jackson-json} through a marker interface
 * (id 31: Jackson writing and parsing about 70 bytes of JSON). The message is built once per trial, so the score is
 * the serialization, not the message's construction; {@code -prof gc} shows the bytes allocated per round trip.
 *
 * <p>This class and its twin in the other package differ only in their imports and configuration root; compare them in
 * one run:
 *
 * <pre>
 * java -jar troupe-bench/target/benchmarks.jar 'io.troupe.bench.serialization.(pekko|troupe).SerializationBenchmark' -prof gc -rf json -rff troupe-bench/target/jmh-serialization.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerializationBenchmark extends AbstractBenchmark {

  /** Which message to round-trip. */
  @Param({"bytes", "string", "jackson"})
  public String payload;

  private ActorSystem system;
  private Serialization serialization;
  private Object message;
  private Class<?> messageClass;

  /** The marker interface the configuration binds to jackson-json, as an application would. */
  public interface JsonMessage {}

  /** A typical small command: a few fields of common types, about 70 bytes of JSON. */
  public record PlaceOrder(String orderId, String sku, int quantity, long priceCents, boolean express)
      implements JsonMessage {}

  @Setup(Level.Trial)
  public void setUp() {
    String config = "troupe { loglevel = WARNING, stdout-loglevel = WARNING,"
        + " actor.serialization-bindings { \"" + JsonMessage.class.getName() + "\" = jackson-json } }";
    system = ActorSystem.create("serialization", ConfigFactory.parseString(config).withFallback(ConfigFactory.load()));
    serialization = SerializationExtension.get(system);
    switch (payload) {
      case "bytes":
        byte[] bytes = new byte[100];
        Arrays.fill(bytes, (byte) 42);
        message = bytes;
        break;
      case "string":
        message = new String("a message of thirty-two chars..!".getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        break;
      case "jackson":
        message = new PlaceOrder("order-4711", "SKU-12345", 3, 129_900L, true);
        break;
      default:
        throw new IllegalArgumentException("unknown payload [" + payload + "]");
    }
    messageClass = message.getClass();
    Object back = roundTripOrFail();
    if (!(back instanceof byte[] ? Arrays.equals((byte[]) back, (byte[]) message) : back.equals(message))) {
      throw new IllegalStateException("round trip of [" + payload + "] returned " + back);
    }
  }

  private Object roundTripOrFail() {
    try {
      return roundTrip();
    } catch (Exception e) {
      throw new IllegalStateException("round trip of [" + payload + "] failed", e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Benchmark
  public Object roundTrip() throws Exception {
    Serializer serializer = serialization.findSerializerFor(message);
    byte[] bytes = serializer.toBinary(message);
    String manifest = Serializers.manifestFor(serializer, message);
    if (serializer instanceof SerializerWithStringManifest) {
      return ((SerializerWithStringManifest) serializer).fromBinary(bytes, manifest);
    }
    return serializer.fromBinary(bytes, messageClass);
  }
}

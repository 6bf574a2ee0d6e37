package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorKilledException;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.Identify;
import io.troupe.actor.Props;
import io.troupe.actor.Status;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.serialization.SerializationTestSupport.Captured;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.remote.serialization.SerializationTestSupport.PathRef;
import io.troupe.routing.ActorRefRoutee;
import io.troupe.routing.Broadcast;
import io.troupe.routing.BroadcastPool;
import io.troupe.routing.FromConfig;
import io.troupe.routing.Pool;
import io.troupe.routing.RandomPool;
import io.troupe.routing.RoundRobinPool;
import io.troupe.routing.Routees;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes from a peer, seeded from every captured payload of serializers 3, 6, 16 and 22, from payloads of every
 * other manifest the serializers write, and from the built-in String, Long, Integer, Boolean, byte[] and ByteBuffer
 * serializers: each truncation, and thousands of random mutations (flipped bits, bytes set to
 * boundary values, inserted and deleted bytes), either decodes or fails with {@link NotSerializableException} or
 * {@link MalformedFrameException} (the fixed-size built-ins: {@link IllegalArgumentException} naming the payload, as
 * {@link Serializer} documents for corrupt bytes); no other exception, no hang. A failure prints the seed input and the mutated bytes.
 */
class HostileSerializerInputTest {
  private static final long SEED = 0x7e0b5eedL;
  private static final int MUTATIONS_PER_SEED = 400;

  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.goldenSystem("HostileSerializerInputTest");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  private record Seed(String name, int serializerId, String manifest, byte[] bytes) {}

  private static List<Seed> seeds() throws Exception {
    List<Seed> out = new ArrayList<>();
    for (Captured c : SerializationTestSupport.capturedPayloads()) {
      out.add(new Seed(c.toString(), c.serializerId(), c.manifest(), c.bytes()));
    }
    PathRef ref = new PathRef("pekko://SysB@127.0.0.1:25530/user/a#-5");
    Address address = new Address("pekko", "SysB", "127.0.0.1", 25530);
    Object[] own = {
      new ActorKilledException("k"),
      new Status.Failure(new TimeoutException("t")),
      new ActorInitializationException(ref, "init", new ActorKilledException("cause")),
      new ThrowableNotSerializableException("m", "o", "c"),
      address, new UniqueAddress(address, -1L), new RemoteScope(address), ConfigFactory.parseString("a { b = [1, \"x\"] }"),
      Optional.of(Optional.of(1L)), new Identify(null),
      new ActorSelectionMessage(new Identify(3), List.of(SelectionPathElement.of(".."), SelectionPathElement.of("a*")), true),
      new SystemMessage.Create(new ActorInitializationException(ref, "x", null)),
      new SystemMessage.Resume(null), new SystemMessage.Unwatch(ref, ref),
      new SystemMessage.Failed(ref, new ActorKilledException("f"), -7),
      new ControlMessage.HandshakeReq(new UniqueAddress(address, 7), address),
      new DaemonMsgCreate(Props.create(DaemonMsgCreateSerializerTest.Worker.class, "n", 1, 2L)
          .withDeploy(new Deploy(new RemoteScope(address))), Deploy.local(), "pekko://SysB@127.0.0.1:25530/remote/x#1", ref),
      // router configs (Pekko's formats) and the router messages in Troupe's own
      new RandomPool(5, Pool.DEFAULT_SUPERVISOR_STRATEGY, "my-d", true), FromConfig.getInstance().withDispatcher("d"),
      new RemoteRouterConfig(new BroadcastPool(2), List.of(address, address)), new Broadcast(Optional.of(7)),
      new Routees(List.of(new ActorRefRoutee(ref), new ActorRefRoutee(ref))),
      new DaemonMsgCreate(new RoundRobinPool(3).props(Props.create(DaemonMsgCreateSerializerTest.Worker.class, "n", 1, 2L))
          .withDeploy(new Deploy(new RemoteScope(address))), Deploy.local(), "pekko://SysB@127.0.0.1:25530/remote/y#1", ref),
      // the built-in serializers every message of those types goes through
      "a string \u00e9\u20ac", Long.MIN_VALUE, -1, Boolean.TRUE, new byte[] {1, 2, 3},
      ByteBuffer.wrap(new byte[] {9, 8, 7}),
    };
    for (Object o : own) {
      Serializer s = serialization.findSerializerFor(o);
      out.add(new Seed(o.getClass().getSimpleName(), s.identifier(), Serializers.manifestFor(s, o), serialization.serialize(o)));
    }
    return out;
  }

  private static int decoded;
  private static int refused;

  private static void decodeOrRefuse(Seed seed, byte[] input, String how) {
    try {
      serialization.deserialize(input, seed.serializerId(), seed.manifest());
      if (seed.serializerId() != 17) {
        // also through the buffer path, from a direct buffer at an offset
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length + 3);
        direct.position(3);
        direct.put(input).flip().position(3);
        serialization.deserializeByteBuffer(direct, seed.serializerId(), seed.manifest());
      }
      decoded++;
    } catch (IllegalArgumentException corrupt) {
      // the fixed-size built-ins (Long 18, Integer 19, Boolean 35) report corrupt bytes this way, as Serializer documents
      if (!FIXED_SIZE_BUILT_INS.contains(seed.serializerId())) unexpected(seed, input, how, corrupt);
      refused++;
      if (corrupt.getMessage() == null || !corrupt.getMessage().contains("payload")) unexpected(seed, input, how, corrupt);
    } catch (NotSerializableException | MalformedFrameException expected) {
      refused++;
      if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
        fail(seed.name() + ", " + how + ": " + expected.getClass().getSimpleName() + " without a message for " + hex(input));
      }
    } catch (Throwable t) {
      unexpected(seed, input, how, t);
    }
  }

  private static final java.util.Set<Integer> FIXED_SIZE_BUILT_INS = java.util.Set.of(18, 19, 35);

  private static void unexpected(Seed seed, byte[] input, String how, Throwable t) {
    AssertionError e = new AssertionError(seed.name() + " (" + seed.serializerId() + "/\"" + seed.manifest() + "\"), "
        + how + ": unexpected " + t + "\n  seed:  " + hex(seed.bytes()) + "\n  input: " + hex(input));
    e.initCause(t);
    throw e;
  }

  @Test
  void everySeedDecodesUnchanged() throws Exception {
    List<Seed> seeds = seeds();
    assertEquals(61 + 29, seeds.size(), "seeds");
    for (Seed s : seeds) serialization.deserialize(s.bytes(), s.serializerId(), s.manifest());
  }

  @Test
  void everyTruncationDecodesOrIsRefused() throws Exception {
    for (Seed s : seeds()) {
      for (int len = 0; len < s.bytes().length; len++) {
        decodeOrRefuse(s, Arrays.copyOf(s.bytes(), len), "truncated to " + len + " bytes");
      }
    }
  }

  @Test
  void randomMutationsDecodeOrAreRefused() throws Exception {
    decoded = 0;
    refused = 0;
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] boundary = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, 0x08, 0x0a, 0x12, 0x22};
    for (Seed s : seeds()) {
      for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
        byte[] b = s.bytes().clone();
        int edits = 1 + random.nextInt(3);
        StringBuilder how = new StringBuilder("mutation " + i + ":");
        for (int e = 0; e < edits; e++) {
          int kind = random.nextInt(4);
          int at = b.length == 0 ? 0 : random.nextInt(b.length);
          if (kind == 0 && b.length > 0) {
            b[at] ^= (byte) (1 << random.nextInt(8));
            how.append(" flip@").append(at);
          } else if (kind == 1 && b.length > 0) {
            b[at] = boundary[random.nextInt(boundary.length)];
            how.append(" set@").append(at);
          } else if (kind == 2) {
            byte[] c = new byte[b.length + 1];
            System.arraycopy(b, 0, c, 0, at);
            c[at] = (byte) random.nextInt(256);
            System.arraycopy(b, at, c, at + 1, b.length - at);
            b = c;
            how.append(" insert@").append(at);
          } else if (b.length > 0) {
            byte[] c = new byte[b.length - 1];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(b, at + 1, c, at, b.length - at - 1);
            b = c;
            how.append(" delete@").append(at);
          }
        }
        decodeOrRefuse(s, b, how.toString());
      }
    }
    int total = seeds().size() * MUTATIONS_PER_SEED;
    System.out.println("random mutations: " + decoded + " decoded, " + refused + " refused of " + total);
    // both outcomes must occur, or the mutations are not reaching the decoders
    org.junit.jupiter.api.Assertions.assertTrue(decoded > total / 20 && refused > total / 4,
        decoded + " decoded, " + refused + " refused of " + total);
  }
}

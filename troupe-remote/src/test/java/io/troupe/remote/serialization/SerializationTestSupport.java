package io.troupe.remote.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.internal.LocalActorRefProvider;
import io.troupe.event.EventStream;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.WireVectors;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.SerializerWithStringManifest;
import io.troupe.serialization.Serializers;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Actor systems, refs and captured payloads for the serializer tests. */
final class SerializationTestSupport {
  private SerializationTestSupport() {}

  /** A system with the local provider and {@code config} (HOCON) over the defaults. */
  static ActorSystem localSystem(String name, String config) {
    return ActorSystem.create(name, ConfigFactory.parseString("troupe.actor.provider = local\n" + config)
        .withFallback(ConfigFactory.load()));
  }

  /**
   * A local system whose provider keeps foreign paths ({@link PathKeepingProvider}) and that has the test serializer
   * for Pekko's cluster messages (id 5, {@link OpaqueSerializer}): what the captured payloads need to be decoded and
   * written again.
   */
  static ActorSystem goldenSystem(String name) {
    return localSystem(name, "troupe.actor.provider = \"" + PathKeepingProvider.class.getName() + "\"\n"
        + "troupe.actor.serializers.test-opaque = \"" + OpaqueSerializer.class.getName() + "\"\n"
        + "troupe.actor.serialization-bindings.\"" + OpaquePayload.class.getName() + "\" = test-opaque\n"
        + "troupe.actor.serialization-identifiers.\"" + OpaqueSerializer.class.getName() + "\" = 5\n");
  }

  static void terminate(ActorSystem system) {
    if (system == null) return;
    try {
      system.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("actor system [" + system.name() + "] did not terminate within 10 s", e);
    }
  }

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** {@code o} through the extension and back: serialize, then deserialize with its serializer's id and manifest. */
  static Object roundTrip(Serialization serialization, Object o) throws Exception {
    Serializer s = serialization.findSerializerFor(o);
    byte[] bytes = serialization.serialize(o);
    return serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, o));
  }

  /** A ref that is nothing but a path: what a remote ref looks like to a serializer. */
  static final class PathRef extends ActorRef {
    private static final long serialVersionUID = 1L;
    private final ActorPath path;

    PathRef(ActorPath path) {
      this.path = path;
    }

    PathRef(String path) {
      this(ActorPaths.fromString(path));
    }

    @Override public ActorPath path() { return path; }

    @Override public void tell(Object message, ActorRef sender) {}
  }

  /**
   * The local provider, except that a path of another system resolves to a {@link PathRef} with that path (the local
   * provider gives dead letters), so a decoded message can be written again with the captured paths.
   */
  public static final class PathKeepingProvider extends LocalActorRefProvider {
    public PathKeepingProvider(String systemName, ActorSystem.Settings settings, EventStream eventStream) {
      super(systemName, settings, eventStream);
    }

    @Override
    public ActorRef resolveActorRef(ActorPath path) {
      if (!isLocalAddress(path.address())) return new PathRef(path);
      return super.resolveActorRef(path);
    }
  }

  /** A payload of a serializer Troupe does not have (Pekko's cluster messages, id 5), kept as bytes. */
  record OpaquePayload(byte[] bytes, String manifest) {
    @Override public boolean equals(Object o) {
      return o instanceof OpaquePayload && Arrays.equals(bytes, ((OpaquePayload) o).bytes)
          && manifest.equals(((OpaquePayload) o).manifest);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(bytes) + manifest.hashCode(); }
  }

  /** Reads and writes {@link OpaquePayload}s unchanged. */
  public static final class OpaqueSerializer extends SerializerWithStringManifest {
    private final int identifier;

    public OpaqueSerializer(io.troupe.actor.ExtendedActorSystem system) {
      this.identifier = system.settings().serialization().identifierFor(OpaqueSerializer.class.getName());
    }

    @Override public int identifier() { return identifier; }

    @Override public String manifest(Object o) { return ((OpaquePayload) o).manifest(); }

    @Override public byte[] toBinary(Object o) { return ((OpaquePayload) o).bytes().clone(); }

    @Override public Object fromBinary(byte[] bytes, String manifest) { return new OpaquePayload(bytes.clone(), manifest); }
  }

  // ------------------------------------------------------------------ captured payloads

  /** One captured payload: where it came from, and what to read it with. */
  record Captured(long seq, String scenario, String label, int serializerId, String manifest, String sender,
                  String recipient, byte[] bytes) {
    @Override public String toString() {
      return "#" + seq + " " + scenario + " " + label + " (" + serializerId + "/\"" + manifest + "\")";
    }
  }

  /**
   * Every captured payload of serializers 3, 6 and 16, and the system message (22) inside every captured
   * SystemMessageEnvelope (17/j).
   */
  static List<Captured> capturedPayloads() {
    List<Captured> out = new ArrayList<>();
    for (Map<String, Object> f : WireVectors.frames()) {
      int serializerId = ((BigInteger) f.get("serializerId")).intValue();
      String manifest = (String) f.get("manifest");
      byte[] frame = WireVectors.unhex((String) f.get("frameHex"));
      int offset = ((BigInteger) f.get("payloadOffset")).intValue();
      byte[] payload = Arrays.copyOfRange(frame, offset, frame.length);
      long seq = ((BigInteger) f.get("seq")).longValue();
      String scenario = (String) f.get("scenario");
      String label = (String) f.get("label");
      String sender = (String) f.get("sender");
      String recipient = (String) f.get("recipient");
      if (serializerId == 3 || serializerId == 6 || serializerId == 16) {
        out.add(new Captured(seq, scenario, label, serializerId, manifest, sender, recipient, payload));
      } else if (serializerId == 17 && "j".equals(manifest)) {
        ControlMessage.SystemMessageEnvelope e =
            (ControlMessage.SystemMessageEnvelope) ControlMessageCodec.decode("j", ByteBuffer.wrap(payload));
        assertEquals(22, e.serializerId(), "serializer of the system message in " + label);
        out.add(new Captured(seq, scenario, label, 22, e.messageManifest() == null ? "" : e.messageManifest(), sender,
            recipient, e.message()));
      }
    }
    return out;
  }
}

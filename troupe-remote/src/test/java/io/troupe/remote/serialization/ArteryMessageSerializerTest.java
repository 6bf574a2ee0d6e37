package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ArteryMessageSerializer (id 17): every control message through the extension, with the codec's bytes. */
class ArteryMessageSerializerTest {
  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.localSystem("ArteryMessageSerializerTest", "");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  @Test
  void everyControlMessageRoundTripsWithTheCodecsBytes() throws Exception {
    UniqueAddress a = new UniqueAddress(new Address("pekko", "SysA", "127.0.0.1", 25520), 6884423585422772145L);
    UniqueAddress b = new UniqueAddress(new Address("pekko", "SysB", "127.0.0.1", 25530), -5L);
    List<ControlMessage> all = List.of(
        new ControlMessage.Quarantined(a, b),
        new ControlMessage.ActorSystemTerminating(a),
        new ControlMessage.ActorSystemTerminatingAck(b),
        new ControlMessage.HandshakeReq(a, b.address()),
        new ControlMessage.HandshakeRsp(b),
        new ControlMessage.CompressionAdvertisement(true, a, -5L, 1, List.of("pekko://SysA@127.0.0.1:25520/user/x"), List.of(0)),
        new ControlMessage.CompressionAdvertisement(false, a, 9L, 127, List.of("A", "B"), List.of(0, 1)),
        new ControlMessage.CompressionAdvertisementAck(true, b, 1),
        new ControlMessage.CompressionAdvertisementAck(false, b, 2),
        new ControlMessage.SystemMessageEnvelope(new byte[] {8, 4}, 22, null, 3, a),
        new ControlMessage.SystemMessageDeliveryAck(false, 3, b),
        new ControlMessage.SystemMessageDeliveryAck(true, 4, b),
        ControlMessage.ArteryHeartbeat.INSTANCE,
        new ControlMessage.ArteryHeartbeatRsp(-5L),
        ControlMessage.Flush.INSTANCE,
        new ControlMessage.FlushAck(4));
    for (ControlMessage m : all) {
      Serializer s = serialization.findSerializerFor(m);
      assertEquals(17, s.identifier(), "serializer of " + m);
      assertEquals(m.manifest(), Serializers.manifestFor(s, m));
      byte[] bytes = serialization.serialize(m);
      ByteBuffer codec = ByteBuffer.allocate(512);
      ControlMessageCodec.encode(m, codec);
      assertEquals(hex(Arrays.copyOf(codec.array(), codec.position())), hex(bytes), "bytes of " + m);
      assertEquals(m, serialization.deserialize(bytes, 17, m.manifest()), "round trip of " + m);
    }
    assertEquals(0, serialization.serialize(ControlMessage.ArteryHeartbeat.INSTANCE).length);
    assertSame(ControlMessage.Flush.INSTANCE, serialization.deserialize(new byte[0], 17, "o"));
  }

  @Test
  void unknownManifestsAreNotSerializableAndBadBodiesMalformed() {
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serialization.deserialize(new byte[0], 17, "z"));
    assertTrue(e.getMessage().contains("[z]"), e.getMessage());
    assertThrows(NotSerializableException.class, () -> serialization.deserialize(new byte[0], 17, ""));
    assertThrows(MalformedFrameException.class, () -> serialization.deserialize(new byte[0], 17, "d"),
        "HandshakeReq without its fields");
    IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
        () -> serialization.serializerByIdentity().get(17).toBinary("x"));
    assertTrue(i.getMessage().contains("java.lang.String"), i.getMessage());
  }
}

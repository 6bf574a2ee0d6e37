package io.troupe.remote.serialization;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.SerializerWithStringManifest;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;

/**
 * Artery's control messages as a serializer, Pekko's {@code ArteryMessageSerializer} (id 17, one-letter manifests;
 * spec section 3): the bodies are {@link ControlMessageCodec}'s. The association writes most control messages with the
 * codec directly; this serializer is what lets them travel nested, as the heartbeat (17/{@code m}, no bytes) does inside
 * an actor selection, and be (de)serialized through the extension. Public only so that configuration can name it.
 */
public final class ArteryMessageSerializer extends SerializerWithStringManifest implements ByteBufferSerializer {
  private final int identifier;

  public ArteryMessageSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor(ArteryMessageSerializer.class.getName());
  }

  @Override public int identifier() { return identifier; }

  @Override
  public String manifest(Object o) {
    return control(o).manifest();
  }

  @Override
  public byte[] toBinary(Object o) {
    ControlMessage m = control(o);
    if (m instanceof ControlMessage.ArteryHeartbeat || m instanceof ControlMessage.Flush) return NO_BYTES;
    return EncodeBuffers.toArray(m, this::toBinary);
  }

  private static final byte[] NO_BYTES = new byte[0];

  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    ControlMessageCodec.encode(control(o), buf);
  }

  private ControlMessage control(Object o) {
    if (o instanceof ControlMessage) return (ControlMessage) o;
    throw new IllegalArgumentException("Cannot serialize [" + (o == null ? "null" : o.getClass().getName()) + "] with "
        + getClass().getName() + ": it only serializes " + ControlMessage.class.getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), manifest);
  }

  /**
   * @throws NotSerializableException for a manifest that names no control message
   * @throws MalformedFrameException for a body that is not what the manifest says
   */
  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    if (manifest.length() != 1 || manifest.charAt(0) < 'a' || manifest.charAt(0) > 'p') {
      throw new NotSerializableException("Unknown manifest [" + manifest + "] for " + getClass().getName() + " (id "
          + identifier + "): control messages have the one-letter manifests a to p");
    }
    return ControlMessageCodec.decode(manifest, buf);
  }
}

package io.troupe.serialization.internal;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serializer;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A {@link ByteBuffer} message as its remaining bytes, no manifest: the wire format of Pekko's
 * {@code ByteStringSerializer}, id 21 (spec §9.1), configured as {@code primitive-bytestring}. Troupe has no
 * {@code ByteString}; a {@code ByteBuffer} sent to a Pekko node arrives as a {@code ByteString}, and a Pekko
 * {@code ByteString} arrives here as a heap {@code ByteBuffer} (position 0, limit = length).
 *
 * <p>Serializing reads the bytes from the message's position to its limit without moving its position, so the same
 * buffer can be sent twice. The array path wraps the given array without copying it, as {@code ByteArraySerializer}
 * returns its array: hand over an array you no longer change. Internal API: public only so that configuration can
 * name it.
 */
public final class NioByteBufferSerializer implements Serializer, ByteBufferSerializer {
  private final int identifier;

  public NioByteBufferSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor("primitive-bytestring");
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    ByteBuffer src = (ByteBuffer) o;
    byte[] out = new byte[src.remaining()];
    src.get(src.position(), out);
    return out;
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) {
    return ByteBuffer.wrap(bytes);
  }

  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    ByteBuffer src = (ByteBuffer) o;
    int n = src.remaining();
    int pos = buf.position();
    if (buf.limit() - pos < n) throw new BufferOverflowException();
    buf.put(pos, src, src.position(), n);
    buf.position(pos + n);
  }

  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) {
    // a copy: the frame buffer is reused once this call returns
    byte[] copy = new byte[buf.remaining()];
    buf.get(copy);
    return ByteBuffer.wrap(copy);
  }
}

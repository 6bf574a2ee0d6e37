package io.troupe.serialization;

import io.troupe.actor.ExtendedActorSystem;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * {@code byte[]} as itself, no manifest: Pekko's {@code ByteArraySerializer}, id 4 (spec §9.1), bound to {@code "[B"}
 * as {@code bytes}. Neither direction copies: {@code toBinary} returns the message array and {@code fromBinary} returns
 * the array it is given, so treat a {@code byte[]} message as immutable once sent. The buffer path copies, as it must.
 */
public class ByteArraySerializer implements Serializer, ByteBufferSerializer {
  private final int identifier;

  public ByteArraySerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor(ByteArraySerializer.class.getName());
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    if (o == null) return null;
    if (o instanceof byte[]) return (byte[]) o;
    throw new IllegalArgumentException(getClass().getName() + " only serializes byte arrays, not [" + o.getClass().getName() + "]");
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) {
    return bytes;
  }

  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    if (o == null) return;
    buf.put(toBinary(o));
  }

  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) {
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    return bytes;
  }
}

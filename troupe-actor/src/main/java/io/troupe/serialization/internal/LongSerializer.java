package io.troupe.serialization.internal;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serializer;
import java.util.Optional;

/**
 * {@code java.lang.Long} as 8 bytes, little-endian, no manifest: Pekko's {@code LongSerializer}, id 18 (spec §9.1),
 * configured as {@code primitive-long}. Internal API: public only so that configuration can name it.
 */
public final class LongSerializer implements Serializer, ByteBufferSerializer {
  static final int SIZE = 8;
  private final int identifier;

  public LongSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor("primitive-long");
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    byte[] out = new byte[SIZE];
    LittleEndian.putLong(out, 0, ((Long) o).longValue());
    return out;
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) {
    Primitives.checkLength("Long", SIZE, bytes.length);
    return LittleEndian.getLong(bytes, 0);
  }

  @Override
  public void toBinary(Object o, java.nio.ByteBuffer buf) {
    LittleEndian.putLong(buf, ((Long) o).longValue());
  }

  @Override
  public Object fromBinary(java.nio.ByteBuffer buf, String manifest) {
    Primitives.checkLength("Long", SIZE, buf.remaining());
    return LittleEndian.getLong(buf);
  }
}

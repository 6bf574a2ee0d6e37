package io.troupe.serialization.internal;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serializer;
import java.util.Optional;

/**
 * {@code java.lang.Integer} as 4 bytes, little-endian, no manifest: Pekko's {@code IntSerializer}, id 19 (spec §9.1),
 * configured as {@code primitive-int}. Internal API: public only so that configuration can name it.
 */
public final class IntSerializer implements Serializer, ByteBufferSerializer {
  static final int SIZE = 4;
  private final int identifier;

  public IntSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor("primitive-int");
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    byte[] out = new byte[SIZE];
    LittleEndian.putInt(out, 0, ((Integer) o).intValue());
    return out;
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) {
    Primitives.checkLength("Integer", SIZE, bytes.length);
    return LittleEndian.getInt(bytes, 0);
  }

  @Override
  public void toBinary(Object o, java.nio.ByteBuffer buf) {
    LittleEndian.putInt(buf, ((Integer) o).intValue());
  }

  @Override
  public Object fromBinary(java.nio.ByteBuffer buf, String manifest) {
    Primitives.checkLength("Integer", SIZE, buf.remaining());
    return LittleEndian.getInt(buf);
  }
}

package io.troupe.serialization.internal;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * {@code java.lang.Boolean} as one byte, {@code 0x01} or {@code 0x00}, no manifest: Pekko's {@code BooleanSerializer},
 * id 35 (spec §9.1), configured as {@code primitive-boolean}. Internal API: public only so that configuration can name
 * it.
 */
public final class BooleanSerializer implements Serializer, ByteBufferSerializer {
  private static final byte TRUE = 1;
  private static final byte FALSE = 0;
  private static final byte[] TRUE_BYTES = {TRUE};
  private static final byte[] FALSE_BYTES = {FALSE};

  private final int identifier;

  public BooleanSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor("primitive-boolean");
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    // a fresh array each time: the caller owns what toBinary returns
    return (((Boolean) o) ? TRUE_BYTES : FALSE_BYTES).clone();
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) {
    Primitives.checkLength("Boolean", 1, bytes.length);
    return decode(bytes[0]);
  }

  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    buf.put(((Boolean) o) ? TRUE : FALSE);
  }

  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) {
    Primitives.checkLength("Boolean", 1, buf.remaining());
    return decode(buf.get());
  }

  private static Boolean decode(byte b) {
    if (b == TRUE) return Boolean.TRUE;
    if (b == FALSE) return Boolean.FALSE;
    throw new IllegalArgumentException("Boolean payload byte [" + b + "] is neither 1 nor 0");
  }
}

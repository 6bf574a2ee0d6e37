package io.troupe.serialization;

import java.util.Optional;

/** Serializes {@code null} as zero bytes, with the reserved id 0; what {@code findSerializerFor(null)} returns. */
public class NullSerializer implements Serializer {
  /** The shared instance. */
  public static final NullSerializer INSTANCE = new NullSerializer();

  private static final byte[] NULL_AS_BYTES = new byte[0];

  public byte[] nullAsBytes() { return NULL_AS_BYTES; }

  @Override public int identifier() { return 0; }

  @Override public boolean includeManifest() { return false; }

  @Override public byte[] toBinary(Object o) { return NULL_AS_BYTES; }

  @Override public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) { return null; }
}

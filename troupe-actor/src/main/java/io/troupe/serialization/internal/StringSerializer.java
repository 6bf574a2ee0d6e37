package io.troupe.serialization.internal;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code java.lang.String} as its UTF-8 bytes, no length prefix, no manifest: Pekko's {@code StringSerializer}, id 20
 * (spec §9.1), configured as {@code primitive-string}. The buffer path encodes straight into the buffer. Internal API:
 * public only so that configuration can name it.
 */
public final class StringSerializer implements Serializer, ByteBufferSerializer {
  private final int identifier;

  public StringSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor("primitive-string");
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    return ((String) o).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    Utf8.encode((String) o, buf);
  }

  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) {
    return Utf8.decode(buf);
  }
}

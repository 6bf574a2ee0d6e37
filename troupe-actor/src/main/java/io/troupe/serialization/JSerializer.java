package io.troupe.serialization;

import java.io.NotSerializableException;
import java.util.Optional;

/**
 * The base class for serializers written in Java that use a class as manifest, as Pekko's {@code JSerializer}:
 * implement {@link #identifier()}, {@link #includeManifest()}, {@link #toBinary(Object)} and
 * {@link #fromBinaryJava(byte[], Class)}. Give it a public constructor taking {@code ExtendedActorSystem} (preferred,
 * to load classes through the system's class loader) or none. The contract of {@link Serializer} applies.
 */
public abstract class JSerializer implements Serializer {

  @Override
  public final Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    return fromBinaryJava(bytes, manifest.orElse(null));
  }

  @Override
  public final Object fromBinary(byte[] bytes, Class<?> clazz) throws NotSerializableException {
    return fromBinaryJava(bytes, clazz);
  }

  @Override
  public final Object fromBinary(byte[] bytes) {
    try {
      return fromBinaryJava(bytes, null);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The object read from {@code bytes}.
   *
   * @param manifest the class of the object, or null when {@link #includeManifest()} is false or none was sent
   * @throws NotSerializableException when the bytes or the class are not something this serializer knows
   */
  public abstract Object fromBinaryJava(byte[] bytes, Class<?> manifest) throws NotSerializableException;
}

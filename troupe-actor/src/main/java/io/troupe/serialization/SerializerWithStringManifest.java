package io.troupe.serialization;

import java.io.NotSerializableException;
import java.util.Optional;

/**
 * A serializer whose manifest is a string of its own choosing rather than a class name, as Pekko's
 * {@code SerializerWithStringManifest}. Recommended for data that evolves: the string can carry a version, and the
 * class can be renamed while old bytes stay readable. Implement {@link #identifier()}, {@link #manifest(Object)},
 * {@link #toBinary(Object)} and {@link #fromBinary(byte[], String)}. The contract of {@link Serializer} applies;
 * {@code fromBinary} should throw {@link NotSerializableException} for a manifest it does not know, so that a node can
 * receive message types from a newer version of the application and drop them.
 */
public abstract class SerializerWithStringManifest implements Serializer {

  @Override
  public abstract int identifier();

  /** Always true: the manifest travels with every message (it may be the empty string). */
  @Override
  public final boolean includeManifest() {
    return true;
  }

  /** The manifest {@link #fromBinary(byte[], String)} will get for {@code o}; {@code ""} when none is needed. */
  public abstract String manifest(Object o);

  @Override
  public abstract byte[] toBinary(Object o);

  /**
   * The object read from {@code bytes}.
   *
   * @throws NotSerializableException when the manifest is unknown (for example a newer message type)
   */
  public abstract Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException;

  /** Passes the class name, or {@code ""} without a class, as the string manifest. */
  @Override
  public final Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    return fromBinary(bytes, manifest.isPresent() ? manifest.get().getName() : "");
  }

  @Override
  public final Object fromBinary(byte[] bytes, Class<?> clazz) throws NotSerializableException {
    return fromBinary(bytes, clazz == null ? "" : clazz.getName());
  }

  @Override
  public final Object fromBinary(byte[] bytes) {
    try {
      return fromBinary(bytes, "");
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}

package io.troupe.serialization;

import java.io.NotSerializableException;
import java.util.Optional;

/**
 * Turns objects into bytes and back. The unit of serialization for remote messages, as Pekko's
 * {@code org.apache.pekko.serialization.Serializer}; the same {@link #identifier()} and bytes mean the same thing on a
 * Pekko node.
 *
 * <p>Contract.
 *
 * <ul>
 *   <li><b>Creation.</b> The system creates one instance per name in {@code troupe.actor.serializers} when it starts,
 *       through a public constructor taking {@code (ExtendedActorSystem)}, no arguments, or
 *       {@code (ExtendedActorSystem, String bindingName)}, tried in that order. A constructor that throws fails
 *       {@code ActorSystem.create}. Load classes through {@code ExtendedActorSystem.classLoader()}.
 *   <li><b>Threads.</b> Any thread may call any method, concurrently: an implementation is thread-safe, usually by
 *       keeping no mutable state. Methods must not block on other actors.
 *   <li><b>Identifier.</b> Unique within the system, and the same on every node that must read the bytes; it travels
 *       with every message. 0 to 40 are reserved for Troupe and Pekko.
 *   <li><b>Errors.</b> {@code toBinary} throws an unchecked exception ({@code IllegalArgumentException} for an object it
 *       does not handle). {@code fromBinary} throws {@link NotSerializableException} for bytes or a manifest it does not
 *       know (a transient problem: remoting drops that one message); any other exception suggests corrupt input.
 *   <li><b>Ownership.</b> The array {@code toBinary} returns belongs to the caller; the serializer must not touch it
 *       afterwards. {@code fromBinary} may keep the array it is given only when documented (ByteArraySerializer does).
 * </ul>
 *
 * <p>Java implementations usually extend {@link JSerializer} or {@link SerializerWithStringManifest}, and may also
 * implement {@link ByteBufferSerializer}.
 */
public interface Serializer {

  /** This serializer's id, unique per system and the same on every node; 0 to 40 are reserved. */
  int identifier();

  /** The object as bytes. */
  byte[] toBinary(Object o);

  /** Whether {@link #fromBinary(byte[], Optional)} needs the class of the object (sent as the manifest). */
  boolean includeManifest();

  /**
   * The object read from {@code bytes}; {@code manifest} is the class when {@link #includeManifest()} is true and the
   * sender sent it.
   *
   * @throws NotSerializableException when the bytes or the manifest are not something this serializer knows
   */
  Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException;

  /**
   * The object read from {@code bytes} without a manifest.
   *
   * @throws IllegalArgumentException when the serializer cannot read the bytes (its {@link NotSerializableException}
   *     is the cause); unchecked because Pekko's Java signature declares no exception here
   */
  default Object fromBinary(byte[] bytes) {
    try {
      return fromBinary(bytes, Optional.empty());
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The object read from {@code bytes}, with {@code clazz} (which may be null) as the manifest. */
  default Object fromBinary(byte[] bytes, Class<?> clazz) throws NotSerializableException {
    return fromBinary(bytes, Optional.ofNullable(clazz));
  }
}

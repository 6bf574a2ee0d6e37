package io.troupe.serialization;

import java.io.NotSerializableException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * A serializer that also writes straight into, and reads straight from, a {@link ByteBuffer}, so that remoting can
 * encode a message into its (pooled, possibly direct) frame buffer without an intermediate array. As Pekko's
 * {@code ByteBufferSerializer}; implement it next to {@link Serializer} (usually on a
 * {@link SerializerWithStringManifest}), keeping the array methods for callers that want arrays.
 *
 * <p>Contract. {@code toBinary} writes the same bytes as {@link Serializer#toBinary(Object)} starting at the buffer's
 * position and leaves the position after the last byte written; when the bytes do not fit it throws
 * {@link BufferOverflowException} (the caller retries with a larger buffer, so the position may be anywhere then).
 * {@code fromBinary} reads the message from the buffer's position to its limit; the buffer is only valid during the
 * call (it is typically reused), so the result must not keep a reference to it. Both are called from any thread,
 * concurrently, and must not depend on the buffer's {@link java.nio.ByteOrder}: set the order you need on the buffer
 * yourself or encode explicitly.
 */
public interface ByteBufferSerializer {

  /** Writes {@code o} into {@code buf} from its position. */
  void toBinary(Object o, ByteBuffer buf);

  /**
   * The object read from {@code buf} (position to limit).
   *
   * @throws NotSerializableException when the bytes or the manifest are not something this serializer knows
   */
  Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException;
}

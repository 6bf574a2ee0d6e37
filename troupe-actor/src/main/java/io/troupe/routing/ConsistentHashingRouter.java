package io.troupe.routing;

import java.util.Objects;

/**
 * The types that give a message its consistent-hashing key. A {@link ConsistentHashingPool} or
 * {@link ConsistentHashingGroup} finds the key of a message in this order: its {@link ConsistentHashMapper} (when it
 * returns non-null), then {@link ConsistentHashable#consistentHashKey()} (which {@link ConsistentHashableEnvelope}
 * implements). A message with no key is logged and becomes a dead letter.
 *
 * <p>A key is the data to hash, not a hash: a {@code byte[]} or {@code String} is hashed by content; any other key by
 * its {@code hashCode()}, so it must have value-based {@code equals}/{@code hashCode} (records, boxed numbers, UUIDs).
 */
public final class ConsistentHashingRouter {
  private ConsistentHashingRouter() {}

  /** A message that knows its own hash key. */
  public interface ConsistentHashable {
    Object consistentHashKey();
  }

  /**
   * Wraps a message that cannot implement {@link ConsistentHashable} with its key. The routee receives
   * {@link #message()}, not the envelope.
   */
  public static final class ConsistentHashableEnvelope implements ConsistentHashable, RouterEnvelope, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Object message;
    private final Object hashKey;

    public ConsistentHashableEnvelope(Object message, Object hashKey) {
      this.message = Objects.requireNonNull(message, "message");
      this.hashKey = Objects.requireNonNull(hashKey, "hashKey");
    }

    @Override public Object message() { return message; }

    public Object hashKey() { return hashKey; }

    @Override public Object consistentHashKey() { return hashKey; }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof ConsistentHashableEnvelope)) return false;
      ConsistentHashableEnvelope e = (ConsistentHashableEnvelope) o;
      return message.equals(e.message) && hashKey.equals(e.hashKey);
    }

    @Override public int hashCode() { return Objects.hash(message, hashKey); }

    @Override public String toString() { return "ConsistentHashableEnvelope(" + message + ", " + hashKey + ")"; }
  }

  /**
   * Maps a message to its hash key; returns null for messages it does not know (they then need to be
   * {@link ConsistentHashable}). Called on the sending thread: must be thread-safe and cheap.
   */
  @FunctionalInterface
  public interface ConsistentHashMapper {
    Object hashKey(Object message);
  }

  /** The mapper that knows no message. */
  public static final ConsistentHashMapper emptyConsistentHashMapping = message -> null;
}

package io.troupe.actor;

import java.util.Objects;

/** Every actor answers this with {@link ActorIdentity} carrying the same {@code messageId}. */
public final class Identify implements AutoReceivedMessage, NotInfluenceReceiveTimeout, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final Object messageId;

  public Identify(Object messageId) { this.messageId = messageId; }

  public Object messageId() { return messageId; }

  @Override public boolean equals(Object o) { return o instanceof Identify && Objects.equals(messageId, ((Identify) o).messageId); }
  @Override public int hashCode() { return Objects.hashCode(messageId); }
  @Override public String toString() { return "Identify(" + messageId + ")"; }
}

package io.troupe.remote.serialization;

/**
 * Stands in for an exception that could not cross the network, as Pekko's
 * {@code org.apache.pekko.remote.serialization.ThrowableNotSerializableException}: it keeps the original message and
 * class name. A sender substitutes it for an exception without a serializer of its own (with Java serialization off,
 * the default), for example when a remote child fails and its supervisor here receives the failure, or in a
 * {@code Status.Failure} reply; a receiver builds one when it cannot recreate the exception it was sent. On the wire:
 * serializer 16, manifest {@code TNSEX} (spec section 9.3).
 */
public final class ThrowableNotSerializableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String originalMessage;
  private final String originalClassName;

  /** As Pekko: the message becomes {@code "Serialization of [<originalClassName>] failed. <originalMessage>"}. */
  public ThrowableNotSerializableException(String originalMessage, String originalClassName) {
    this(originalMessage, originalClassName, (Throwable) null);
  }

  /**
   * As Pekko: the message becomes {@code "Serialization of [<originalClassName>] failed. <originalMessage>"}; {@code
   * cause} (what made serialization fail, or the original's cause) stays on this node and is never sent.
   */
  public ThrowableNotSerializableException(String originalMessage, String originalClassName, Throwable cause) {
    super("Serialization of [" + originalClassName + "] failed. " + originalMessage, cause);
    this.originalMessage = originalMessage;
    this.originalClassName = originalClassName;
  }

  /** With the message exactly as it came off the wire (a sender may have worded it differently). */
  public ThrowableNotSerializableException(String message, String originalMessage, String originalClassName) {
    super(message);
    this.originalMessage = originalMessage;
    this.originalClassName = originalClassName;
  }

  /** The message of the exception this one replaces; may be null or empty when it had none. */
  public String originalMessage() { return originalMessage; }

  /** The binary class name of the exception this one replaces. */
  public String originalClassName() { return originalClassName; }

  /** Java-bean alias of {@link #originalMessage()}. */
  public String getOriginalMessage() { return originalMessage; }

  /** Java-bean alias of {@link #originalClassName()}. */
  public String getOriginalClassName() { return originalClassName; }
}

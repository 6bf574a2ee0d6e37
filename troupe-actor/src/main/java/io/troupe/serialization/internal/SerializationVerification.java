package io.troupe.serialization.internal;

import io.troupe.actor.LocalScope;
import io.troupe.actor.NoSerializationVerificationNeeded;
import io.troupe.actor.Props;
import io.troupe.serialization.DisabledJavaSerializer;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.util.List;

/**
 * The checks behind {@code troupe.actor.serialize-messages} and {@code troupe.actor.serialize-creators}: test aids that
 * make every local message and every Props argument go through its serializer, so that a message that could not cross
 * the network fails on the developer's machine rather than in production. Called by the actor cell only when the
 * setting is on. Exempt, as in Pekko: {@link NoSerializationVerificationNeeded} objects, and the runtime's own
 * ({@code io.troupe.*}) and {@code java.lang} messages that have no serializer but Java serialization (troupe-remote
 * brings the wire serializers of the runtime's messages).
 */
public final class SerializationVerification {
  private SerializationVerification() {}

  /**
   * {@code message} after a serialization round trip: a copy made by its serializer, or the message itself when it is
   * exempt.
   *
   * @throws IllegalArgumentException when it has no serializer or the round trip fails; the message names the class
   *     and the settings to change, and the serialization exception is the cause
   */
  public static Object roundTrip(Serialization serialization, Object message) {
    if (message instanceof NoSerializationVerificationNeeded) return message;
    Class<?> c = message.getClass();
    Serializer s;
    try {
      s = serialization.serializerFor(c);
    } catch (NotSerializableException e) {
      if (isRuntimeClass(c)) return message;
      throw failed("message", c, e);
    }
    if (s instanceof DisabledJavaSerializer && (isRuntimeClass(c) || c.getName().startsWith("java.lang."))) return message;
    try {
      byte[] bytes = serialization.serialize(message);
      return serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, message));
    } catch (NotSerializableException | RuntimeException e) {
      throw failed("message", c, e);
    }
  }

  /**
   * Checks that every constructor argument of {@code props}, and its creator if it has one, survives a serialization
   * round trip, as remote deployment would need. Props deployed explicitly with {@link LocalScope} are not checked.
   *
   * @throws IllegalArgumentException naming {@code path}, the argument and the settings to change
   */
  public static void checkCreator(Serialization serialization, Props props, String path) {
    if (props.deploy().scope() instanceof LocalScope) return;
    List<Object> args = props.args();
    for (int i = 0; i < args.size(); i++) checkArgument(serialization, args.get(i), "argument " + i, path);
    if (props.creator() != null) checkArgument(serialization, props.creator(), "creator", path);
  }

  private static void checkArgument(Serialization serialization, Object arg, String what, String path) {
    if (arg == null || arg instanceof NoSerializationVerificationNeeded) return;
    Class<?> c = arg.getClass();
    try {
      Serializer s = serialization.serializerFor(c);
      byte[] bytes = serialization.serialize(arg);
      if (serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, arg)) == null) {
        throw new NotSerializableException("deserialized to null");
      }
    } catch (NotSerializableException | RuntimeException e) {
      throw new IllegalArgumentException("Pre-creation serialization check failed at [" + path + "]: " + what
          + " of class [" + c.getName() + "]: " + e.getMessage() + ". troupe.actor.serialize-creators = on checks that "
          + "every Props can be sent to another node; bind a serializer for the class in "
          + "troupe.actor.serialization-bindings, mark it NoSerializationVerificationNeeded, deploy the Props with "
          + "LocalScope, or turn the check off", e);
    }
  }

  private static IllegalArgumentException failed(String what, Class<?> c, Exception e) {
    return new IllegalArgumentException("troupe.actor.serialize-messages = on: " + what + " of class [" + c.getName()
        + "] cannot be serialized: " + e.getMessage() + ". Bind a serializer for it in "
        + "troupe.actor.serialization-bindings, mark it NoSerializationVerificationNeeded if it never leaves the JVM, "
        + "or turn troupe.actor.serialize-messages off", e);
  }

  private static boolean isRuntimeClass(Class<?> c) {
    return c.getName().startsWith("io.troupe.");
  }
}

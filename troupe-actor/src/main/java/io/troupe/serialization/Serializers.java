package io.troupe.serialization;

/** Helpers for code that serializes by hand, as Pekko's {@code Serializers}. */
public final class Serializers {
  private Serializers() {}

  /**
   * The manifest to send with {@code message} serialized by {@code s}: the serializer's own string for a
   * {@link SerializerWithStringManifest}, the binary class name when {@link Serializer#includeManifest()} is true, and
   * {@code ""} otherwise.
   */
  public static String manifestFor(Serializer s, Object message) {
    if (s instanceof SerializerWithStringManifest) return ((SerializerWithStringManifest) s).manifest(message);
    return s.includeManifest() ? message.getClass().getName() : "";
  }
}

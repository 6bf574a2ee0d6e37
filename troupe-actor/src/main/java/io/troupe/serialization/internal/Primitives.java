package io.troupe.serialization.internal;

/** Shared checks of the fixed-size primitive serializers. */
final class Primitives {
  private Primitives() {}

  /** Rejects a payload of the wrong length (corrupt input or the wrong serializer id), naming both lengths. */
  static void checkLength(String type, int expected, int actual) {
    if (actual != expected) {
      throw new IllegalArgumentException(type + " payload has [" + actual + "] bytes (expected " + expected + ")");
    }
  }
}

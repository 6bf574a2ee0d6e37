package com.example.messages;

import io.troupe.actor.NoSerializationVerificationNeeded;
import java.io.Serializable;
import java.util.Objects;

/**
 * Message classes for the serialization tests. They live outside {@code io.troupe}, because the checks behind
 * {@code serialize-messages} exempt the runtime's own ({@code io.troupe.*}) classes, as user classes are not.
 */
public final class TestMessages {
  private TestMessages() {}

  /** Bound to nothing. */
  public static final class Unbound {
    @Override public String toString() { return "Unbound"; }
  }

  /** Java-serializable and bound to nothing else. */
  public static final class JavaOnly implements Serializable {
    private static final long serialVersionUID = 1L;
    public final String text;

    public JavaOnly(String text) { this.text = text; }

    @Override public boolean equals(Object o) { return o instanceof JavaOnly && ((JavaOnly) o).text.equals(text); }
    @Override public int hashCode() { return text.hashCode(); }
  }

  /** Never round-tripped by serialize-messages. */
  public static final class LocalOnly implements NoSerializationVerificationNeeded {}

  /** Serialized by {@code TextSerializer} (a test serializer) as its text. */
  public static final class Text {
    public final String text;

    public Text(String text) { this.text = text; }

    @Override public boolean equals(Object o) { return o instanceof Text && ((Text) o).text.equals(text); }
    @Override public int hashCode() { return Objects.hash(text); }
    @Override public String toString() { return "Text(" + text + ")"; }
  }

  /** Bound to a serializer that always throws. */
  public static final class Exploding {}

  // types for binding resolution: two unrelated marker interfaces, a base class, subclasses

  public interface MarkerA {}

  public interface MarkerB {}

  public interface MarkerAB extends MarkerA, MarkerB {}

  public static class Base {}

  public static class BaseWithA implements MarkerA {}

  public static final class OnlyA implements MarkerA {}

  public static final class BothMarkers implements MarkerA, MarkerB {}

  public static final class SubOfBase extends Base {}

  public static final class SubOfBaseWithA extends Base implements MarkerA {}

  public static final class SubOfBaseWithAInherited extends BaseWithA {}

  public static final class ViaMarkerAB implements MarkerAB {}

  public static final class SerializableWithA implements MarkerA, Serializable {
    private static final long serialVersionUID = 1L;
  }
}

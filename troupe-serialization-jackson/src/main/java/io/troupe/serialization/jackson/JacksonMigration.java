package io.troupe.serialization.jackson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Schema evolution for a Jackson-serialized class, as Pekko's {@code JacksonMigration}: register a subclass in
 * {@code troupe.serialization.jackson.migrations { "com.example.MyEvent" = "com.example.MyEventMigration" }}. The
 * manifest then carries the version ({@code com.example.MyEvent#2}), and payloads written with an older version are
 * passed through {@link #transform} (and {@link #transformClassName}) before they are read. Give the subclass a public
 * no-argument constructor; it is called from any thread and must be thread-safe.
 */
public abstract class JacksonMigration {

  /** The version written into the manifest now; starts at 1, which is also what a manifest without a version means. */
  public abstract int currentVersion();

  /**
   * The highest version this node can read: above {@link #currentVersion()} to accept payloads from newer nodes during
   * a rolling update (they are then transformed "down" by {@link #transform}).
   */
  public int supportedForwardVersion() {
    return currentVersion();
  }

  /** The class to read a payload of {@code fromVersion} into, for renamed classes; the manifest's class by default. */
  public String transformClassName(int fromVersion, String className) {
    return className;
  }

  /** The JSON tree of a payload written with {@code fromVersion}, turned into the current structure. */
  public abstract JsonNode transform(int fromVersion, JsonNode json);
}

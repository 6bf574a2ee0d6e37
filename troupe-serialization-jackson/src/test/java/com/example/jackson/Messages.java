package com.example.jackson;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Address;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Application-style messages for the Jackson tests, bound through marker interfaces as a user would. */
public final class Messages {
  private Messages() {}

  /** The JSON marker: {@code "com.example.jackson.Messages$JsonSerializable" = jackson-json}. */
  public interface JsonSerializable {}

  /** The CBOR marker: {@code "com.example.jackson.Messages$CborSerializable" = jackson-cbor}. */
  public interface CborSerializable {}

  public record Item(String name, int quantity) {}

  /** A bit of everything the default modules handle. */
  public record Order(String id, List<Item> items, Map<String, Long> tags, Optional<String> note, Instant placedAt,
                      Duration timeout, LocalDate day, ActorRef replyTo, Address origin) implements JsonSerializable, CborSerializable {}

  /** The same shape as a CBOR-only message. */
  public record Ping(long seq, String text) implements CborSerializable {}

  /** No properties at all (FAIL_ON_EMPTY_BEANS off). */
  public record Stop() implements JsonSerializable {}

  /** A plain class with private final fields and a constructor (FIELD visibility and parameter names). */
  public static final class Plain implements JsonSerializable {
    private final String a;
    private final int b;

    public Plain(String a, int b) {
      this.a = a;
      this.b = b;
    }

    @Override public boolean equals(Object o) { return o instanceof Plain && ((Plain) o).a.equals(a) && ((Plain) o).b == b; }
    @Override public int hashCode() { return a.hashCode() * 31 + b; }
  }

  /** Big enough to cross the 32 KiB gzip threshold when filled. */
  public record Bulk(String payload) implements JsonSerializable {}

  /** Not bound to any serializer. */
  public record Unbound(String x) {}

  /** Version 2 of an event that was {@code {"title": ...}} in version 1 and is {@code {"name": ...}} now. */
  public record Renamed(String name) implements JsonSerializable {}
}

package wirecapture;

/**
 * The two Jackson test messages of the Pekko capture (spec/vectors, scenario main), rebuilt in Java with the same binary
 * names ({@code wirecapture.Msgs$JsonMsg}, {@code wirecapture.Msgs$CborMsg}), so that even the manifests match the
 * captured bytes. Pekko's were Scala case classes {@code JsonMsg(text: String, n: Int)}; a record has the same two
 * properties in the same order.
 */
public final class Msgs {
  private Msgs() {}

  /** Captured as {@code {"text":"json","n":1}} with serializer 31. */
  public record JsonMsg(String text, int n) {}

  /** Captured as {@code bf 64 "text" 64 "cbor" 61 "n" 02 ff} with serializer 33. */
  public record CborMsg(String text, int n) {}
}

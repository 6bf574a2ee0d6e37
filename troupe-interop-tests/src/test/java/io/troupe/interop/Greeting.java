package io.troupe.interop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** A Jackson JSON payload, the same class on the Troupe and the Pekko side. */
public final class Greeting implements JsonMessage {
  public final String text;
  public final int n;

  @JsonCreator
  public Greeting(@JsonProperty("text") String text, @JsonProperty("n") int n) {
    this.text = text;
    this.n = n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Greeting && ((Greeting) o).text.equals(text) && ((Greeting) o).n == n;
  }

  @Override
  public int hashCode() { return Objects.hash(text, n); }

  @Override
  public String toString() { return "Greeting(" + text + ", " + n + ")"; }
}

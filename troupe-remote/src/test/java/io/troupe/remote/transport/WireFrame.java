package io.troupe.remote.transport;

import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.FrameDescriptor;
import java.nio.charset.StandardCharsets;

/**
 * One frame seen on an {@link InMemoryNetwork} connection, decoded for assertions: who sent it to whom, on which
 * stream, at what time of the manual clock, its header, and its control message when it is one (serializer 17).
 * {@code manifest}, {@code recipient} and {@code sender} are null when their tag is compressed (a table index).
 * {@code dropped} is true when a fault of the network swallowed it before it reached the receiver.
 */
public record WireFrame(long atNanos, String from, String to, int streamId, long originUid, int serializerId,
                        int actorRefTableVersion, int manifestTableVersion, String manifest, String recipient,
                        String sender, ControlMessage control, byte[] payload, boolean dropped) {

  /** True when at least one of sender, recipient and manifest travelled as a compression table index. */
  public boolean compressed() {
    return manifest == null || recipient == null || sender == null;
  }

  /** True when this is a control message of {@code type}. */
  public boolean is(Class<? extends ControlMessage> type) {
    return type.isInstance(control);
  }

  /** The control message as {@code type}; fails when it is something else. */
  public <T extends ControlMessage> T as(Class<T> type) {
    if (!type.isInstance(control)) throw new AssertionError("expected a " + type.getSimpleName() + " frame, got " + this);
    return type.cast(control);
  }

  /** The payload as text when the primitive-string serializer (20) wrote it, else null. */
  public String text() {
    return serializerId == 20 ? new String(payload, StandardCharsets.UTF_8) : null;
  }

  @Override
  public String toString() {
    String what = control != null ? control.toString() : text() != null ? "\"" + text() + "\"" : "ser " + serializerId + "/" + manifest;
    return from + " -> " + to + " " + FrameDescriptor.streamName(streamId) + " " + what
        + (actorRefTableVersion != 0 || manifestTableVersion != 0 ? " v" + actorRefTableVersion + "/" + manifestTableVersion : "")
        + (compressed() ? " (compressed)" : "") + (dropped ? " (dropped)" : "");
  }
}

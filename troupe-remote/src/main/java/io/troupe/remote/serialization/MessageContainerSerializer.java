package io.troupe.remote.serialization;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.actor.internal.SelectionPathElement.SelectChildName;
import io.troupe.actor.internal.SelectionPathElement.SelectChildPattern;
import io.troupe.actor.internal.SelectionPathElement.SelectParent;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.codec.ProtoReader;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Actor selections sent to another node, byte for byte Pekko's {@code MessageContainerSerializer} (id 6, no manifest;
 * spec sections 6 and 9.2):
 *
 * <pre>
 * message SelectionEnvelope {
 *   required bytes     enclosedMessage = 1;   // the message, by its own serializer
 *   required int32     serializerId    = 2;
 *   repeated Selection pattern         = 3;   // the path below the anchor (the frame's recipient)
 *   optional bytes     messageManifest = 4;   // absent when empty
 *   optional bool      wildcardFanOut  = 5;   // always written
 * }
 * message Selection { required PatternType type = 1; optional string matcher = 2; }  // absent for PARENT
 * enum PatternType { PARENT = 0; CHILD_NAME = 1; CHILD_PATTERN = 2; }
 * </pre>
 *
 * A remote-watch heartbeat is {@code 0a 00 10 11 1a 0a 08 01 12 06 "system" 1a 12 08 01 12 0e "remote-watcher" 22 01
 * 6d 28 00}: an empty 17/{@code m} under {@code system/remote-watcher}. Public only so that configuration can name it.
 */
public final class MessageContainerSerializer implements Serializer, ByteBufferSerializer {
  private static final int ENCLOSED_MESSAGE = 1, SERIALIZER_ID = 2, PATTERN = 3, MESSAGE_MANIFEST = 4, WILDCARD_FAN_OUT = 5;
  private static final int PATTERN_TYPE = 1, PATTERN_MATCHER = 2;
  private static final int PARENT = 0, CHILD_NAME = 1, CHILD_PATTERN = 2;

  private final int identifier;
  private final PayloadCodec payloads;

  public MessageContainerSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor(MessageContainerSerializer.class.getName());
    this.payloads = new PayloadCodec(system);
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    return EncodeBuffers.toArray(o, this::toBinary);
  }

  /**
   * @throws IllegalArgumentException when {@code o} is not an {@link ActorSelectionMessage}, or its message has no
   *     serializer
   */
  @Override
  public void toBinary(Object o, ByteBuffer b) {
    if (!(o instanceof ActorSelectionMessage)) {
      throw new IllegalArgumentException("Cannot serialize [" + (o == null ? "null" : o.getClass().getName()) + "] with "
          + getClass().getName() + ": it only serializes " + ActorSelectionMessage.class.getName());
    }
    ActorSelectionMessage sel = (ActorSelectionMessage) o;
    Object message = sel.message();
    Serializer s = payloads.serialization().findSerializerFor(message);
    PayloadCodec.writeEnclosed(b, ENCLOSED_MESSAGE, s, message);
    ProtoWriter.int32(b, SERIALIZER_ID, s.identifier());
    List<SelectionPathElement> elements = sel.elements();
    for (int i = 0, n = elements.size(); i < n; i++) { // indexed: no iterator per message
      SelectionPathElement e = elements.get(i);
      long mark = ProtoWriter.beginNested(b, PATTERN);
      if (e instanceof SelectChildName) {
        ProtoWriter.int32(b, PATTERN_TYPE, CHILD_NAME);
        ProtoWriter.string(b, PATTERN_MATCHER, ((SelectChildName) e).name());
      } else if (e instanceof SelectChildPattern) {
        ProtoWriter.int32(b, PATTERN_TYPE, CHILD_PATTERN);
        ProtoWriter.string(b, PATTERN_MATCHER, ((SelectChildPattern) e).patternStr());
      } else {
        ProtoWriter.int32(b, PATTERN_TYPE, PARENT);
      }
      ProtoWriter.endNested(b, mark);
    }
    String manifest = Serializers.manifestFor(s, message);
    if (!manifest.isEmpty()) ProtoWriter.string(b, MESSAGE_MANIFEST, manifest);
    ProtoWriter.bool(b, WILDCARD_FAN_OUT, sel.wildcardFanOut());
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), "");
  }

  /**
   * @throws NotSerializableException when the enclosed message cannot be read
   * @throws MalformedFrameException for bytes that are not a SelectionEnvelope
   */
  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    ProtoReader r = new ProtoReader(buf);
    ByteBuffer enclosed = null;
    int serializerId = 0;
    boolean hasSerializerId = false;
    String messageManifest = "";
    boolean wildcardFanOut = false;
    List<SelectionPathElement> elements = new ArrayList<>(4);
    while (r.next()) {
      switch (r.field()) {
        case ENCLOSED_MESSAGE: enclosed = r.slice(); break;
        case SERIALIZER_ID: serializerId = r.int32(); hasSerializerId = true; break;
        case PATTERN: elements.add(readSelection(r.nested())); break;
        case MESSAGE_MANIFEST: messageManifest = r.string(); break;
        case WILDCARD_FAN_OUT: wildcardFanOut = r.bool(); break;
        default: r.skip();
      }
    }
    if (enclosed == null) throw ProtoReader.missing("SelectionEnvelope", "enclosedMessage");
    if (!hasSerializerId) throw ProtoReader.missing("SelectionEnvelope", "serializerId");
    Object message = payloads.deserialize(enclosed, serializerId, messageManifest, "SelectionEnvelope");
    return new ActorSelectionMessage(message, elements, wildcardFanOut);
  }

  private static SelectionPathElement readSelection(ProtoReader r) {
    int type = 0;
    boolean hasType = false;
    String matcher = null;
    while (r.next()) {
      switch (r.field()) {
        case PATTERN_TYPE: type = r.int32(); hasType = true; break;
        case PATTERN_MATCHER: matcher = r.string(); break;
        default: r.skip();
      }
    }
    if (!hasType) throw ProtoReader.missing("Selection", "type");
    switch (type) {
      case PARENT: return SelectParent.INSTANCE;
      case CHILD_NAME:
        if (matcher == null) throw ProtoReader.missing("Selection CHILD_NAME", "matcher");
        return new SelectChildName(matcher);
      case CHILD_PATTERN:
        if (matcher == null) throw ProtoReader.missing("Selection CHILD_PATTERN", "matcher");
        return new SelectChildPattern(matcher);
      default: throw new MalformedFrameException("Selection: unknown pattern type [" + type + "] (expected 0..2)");
    }
  }
}

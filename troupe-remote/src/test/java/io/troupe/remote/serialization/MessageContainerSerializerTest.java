package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Identify;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.actor.internal.SelectionPathElement.SelectChildName;
import io.troupe.actor.internal.SelectionPathElement.SelectChildPattern;
import io.troupe.actor.internal.SelectionPathElement.SelectParent;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MessageContainerSerializer (id 6): actor selections with every kind of path element, Pekko's bytes, bad input. */
class MessageContainerSerializerTest {
  private static ActorSystem system;
  private static Serialization serialization;
  private static MessageContainerSerializer containers;

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.localSystem("MessageContainerSerializerTest", "");
    serialization = SerializationExtension.get(system);
    containers = (MessageContainerSerializer) serialization.serializerByIdentity().get(6);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  private static List<SelectionPathElement> path(String... elements) {
    return java.util.Arrays.stream(elements).map(SelectionPathElement::of).toList();
  }

  @Test
  void selectionsHaveId6AndNoManifest() {
    ActorSelectionMessage sel = new ActorSelectionMessage("hi", path("user", "a"), false);
    Serializer s = serialization.findSerializerFor(sel);
    assertSame(containers, s);
    assertEquals(6, s.identifier());
    assertFalse(s.includeManifest());
  }

  @Test
  void heartbeatSelectionIsTheBytesOfSpecSection6() throws Exception {
    ActorSelectionMessage hb =
        new ActorSelectionMessage(ControlMessage.ArteryHeartbeat.INSTANCE, path("system", "remote-watcher"), false);
    assertEquals("0a0010111a0a0801120673797374656d1a120801120e72656d6f74652d7761746368657222016d2800",
        hex(serialization.serialize(hb)));
    ActorSelectionMessage back = (ActorSelectionMessage) serialization.deserialize(serialization.serialize(hb), 6, "");
    assertSame(ControlMessage.ArteryHeartbeat.INSTANCE, back.message());
    assertEquals(hb.elements(), back.elements());
  }

  @Test
  void identifySelectionIsTheCapturedBytes() throws Exception {
    ActorSelectionMessage sel = new ActorSelectionMessage(new Identify("id-echo"), path("user", "echo"), false);
    assertEquals("0a0d0a0b0a0769642d6563686f101410101a0808011204757365721a08080112046563686f2201412800",
        hex(serialization.serialize(sel)), "captured #19: enclosed 16/A, manifest field 4 present");
    ActorSelectionMessage str = new ActorSelectionMessage("s", path("user"), true);
    assertEquals("0a017310141a080801120475736572" + "2801", hex(serialization.serialize(str)),
        "a String has no manifest: field 4 absent; wildcardFanOut true");
  }

  @Test
  void everyPathElementKindRoundTrips() throws Exception {
    List<SelectionPathElement> elements =
        List.of(SelectParent.INSTANCE, new SelectChildName("user"), new SelectChildPattern("work*-?"), SelectParent.INSTANCE);
    ActorSelectionMessage sel = new ActorSelectionMessage(Optional.of(7L), elements, true);
    byte[] bytes = serialization.serialize(sel);
    assertTrue(hex(bytes).contains("1a020800"), "PARENT is a Selection with type 0 and no matcher: " + hex(bytes));
    assertTrue(hex(bytes).contains("1a0b08021207776f726b2a2d3f"), "CHILD_PATTERN is type 2: " + hex(bytes));
    ActorSelectionMessage back = (ActorSelectionMessage) serialization.deserialize(bytes, 6, "");
    assertEquals(elements, back.elements());
    assertEquals(Optional.of(7L), back.message());
    assertTrue(back.wildcardFanOut());
    assertTrue(((SelectChildPattern) back.elements().get(2)).matches("worker-1"), "the pattern works after the trip");
  }

  @Test
  void directBufferPathMatchesTheArrayPath() throws Exception {
    ActorSelectionMessage sel = new ActorSelectionMessage(new Identify(null), path("user", "victim"), false);
    byte[] expected = containers.toBinary(sel);
    ByteBuffer direct = ByteBuffer.allocateDirect(256);
    containers.toBinary(sel, direct);
    direct.flip();
    byte[] written = new byte[direct.remaining()];
    direct.duplicate().get(written);
    assertEquals(hex(expected), hex(written));
    ActorSelectionMessage back = (ActorSelectionMessage) containers.fromBinary(direct, "");
    assertEquals(new Identify(null), back.message());
  }

  @Test
  void badSelectionsAreRefusedWithWhatIsWrong() {
    MalformedFrameException noType = assertThrows(MalformedFrameException.class,
        () -> containers.fromBinary(SerializationTestSupport.hex("0a0010141a00"), Optional.empty()));
    assertTrue(noType.getMessage().contains("[type] is missing"), noType.getMessage());
    MalformedFrameException badType = assertThrows(MalformedFrameException.class,
        () -> containers.fromBinary(SerializationTestSupport.hex("0a0010141a020807"), Optional.empty()));
    assertTrue(badType.getMessage().contains("unknown pattern type [7]"), badType.getMessage());
    MalformedFrameException noMatcher = assertThrows(MalformedFrameException.class,
        () -> containers.fromBinary(SerializationTestSupport.hex("0a0010141a020801"), Optional.empty()));
    assertTrue(noMatcher.getMessage().contains("[matcher] is missing"), noMatcher.getMessage());
    NotSerializableException unknown = assertThrows(NotSerializableException.class,
        () -> containers.fromBinary(SerializationTestSupport.hex("0a00106328 00".replace(" ", "")), Optional.empty()));
    assertTrue(unknown.getMessage().contains("serializer with id [99]"), unknown.getMessage());
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> containers.toBinary("not a selection"));
    assertTrue(wrong.getMessage().contains("java.lang.String"), wrong.getMessage());
    assertInstanceOf(IllegalArgumentException.class,
        assertThrows(NotSerializableException.class, () -> serialization.serialize(
            new ActorSelectionMessage(new StringBuilder("no serializer"), path("user"), false))).getCause());
  }
}

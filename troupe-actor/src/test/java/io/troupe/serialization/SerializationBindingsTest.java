package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.messages.TestMessages;
import io.troupe.actor.ActorSystem;
import java.io.NotSerializableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which serializer a class gets from {@code troupe.actor.serialization-bindings}: the most specific bound class or
 * interface; Java serialization loses ties; unresolvable ties fail naming both candidates; "none" removes a binding.
 */
class SerializationBindingsTest {
  private static final String P = "com.example.messages.TestMessages$";
  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = Systems.create("SerializationBindingsTest", Systems.TEST_SERIALIZERS
        + "troupe.actor.serialization-bindings {\n"
        + "  \"" + P + "MarkerA\" = text\n"
        + "  \"" + P + "MarkerB\" = named\n"
        + "  \"" + P + "Base\" = other\n"
        + "  \"" + P + "BaseWithA\" = named\n"
        + "  \"" + P + "SubOfBase\" = named\n"
        + "}\n");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    Systems.terminate(system);
  }

  private static String nameFor(Class<?> c) throws NotSerializableException {
    return serialization.nameOf(serialization.serializerFor(c));
  }

  @Test
  void anInterfaceBindingAppliesToItsImplementations() throws Exception {
    assertEquals("text", nameFor(TestMessages.OnlyA.class));
  }

  @Test
  void theMostSpecificClassWins() throws Exception {
    assertEquals("other", nameFor(TestMessages.Base.class));
    assertEquals("named", nameFor(TestMessages.SubOfBase.class), "SubOfBase is bound itself");
  }

  @Test
  void aSuperclassThatImplementsTheInterfaceIsMoreSpecificThanTheInterface() throws Exception {
    assertEquals("named", nameFor(TestMessages.SubOfBaseWithAInherited.class));
  }

  @Test
  void anUnrelatedSuperclassAndInterfaceAreAmbiguousAndBothAreNamed() {
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serialization.serializerFor(TestMessages.SubOfBaseWithA.class));
    assertTrue(e.getMessage().contains("[" + P + "Base] = other"), e.getMessage());
    assertTrue(e.getMessage().contains("[" + P + "MarkerA] = text"), e.getMessage());
    assertTrue(e.getMessage().contains("troupe.actor.serialization-bindings"), e.getMessage());
    assertTrue(e.getMessage().contains(TestMessages.SubOfBaseWithA.class.getName()), e.getMessage());
  }

  @Test
  void twoUnrelatedInterfacesAreAmbiguousAndBothAreNamed() {
    for (Class<?> c : new Class<?>[] {TestMessages.BothMarkers.class, TestMessages.ViaMarkerAB.class}) {
      NotSerializableException e = assertThrows(NotSerializableException.class, () -> serialization.serializerFor(c));
      assertTrue(e.getMessage().contains("[" + P + "MarkerA] = text") && e.getMessage().contains("[" + P + "MarkerB] = named"),
          e.getMessage());
      // findSerializerFor reports the same, unchecked
      IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
          () -> serialization.findSerializerFor(newInstance(c)));
      assertEquals(e.getMessage(), u.getMessage());
    }
  }

  @Test
  void javaSerializationLosesATie() throws Exception {
    assertEquals("text", nameFor(TestMessages.SerializableWithA.class));
    assertEquals("java", nameFor(TestMessages.JavaOnly.class));
  }

  @Test
  void anUnboundClassNamesItselfAndTheSetting() {
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serialization.serialize(new TestMessages.Unbound()));
    assertTrue(e.getMessage().contains("[" + TestMessages.Unbound.class.getName() + "]"), e.getMessage());
    assertTrue(e.getMessage().contains("troupe.actor.serialization-bindings"), e.getMessage());
  }

  @Test
  void lookupsAreCachedPerClass() throws Exception {
    assertSame(serialization.serializerFor(TestMessages.OnlyA.class), serialization.serializerFor(TestMessages.OnlyA.class));
    assertSame(serialization.findSerializerFor(new TestMessages.OnlyA()), serialization.serializerFor(TestMessages.OnlyA.class));
  }

  @Test
  void bindingTheCommonSubtypeSettlesAmbiguity() throws Exception {
    ActorSystem s = Systems.create("SerializationBindingsTestAB", Systems.TEST_SERIALIZERS
        + "troupe.actor.serialization-bindings {\n"
        + "  \"" + P + "MarkerA\" = text\n"
        + "  \"" + P + "MarkerB\" = named\n"
        + "  \"" + P + "MarkerAB\" = other\n"
        + "}\n");
    try {
      assertEquals("other", SerializationExtension.get(s).nameOf(
          SerializationExtension.get(s).serializerFor(TestMessages.ViaMarkerAB.class)));
    } finally {
      Systems.terminate(s);
    }
  }

  @Test
  void noneRemovesABindingFromTheReference() throws Exception {
    ActorSystem s = Systems.create("SerializationBindingsTestNone",
        "troupe.actor.serialization-bindings { \"java.io.Serializable\" = none, \"java.lang.String\" = none }");
    try {
      Serialization ser = SerializationExtension.get(s);
      assertTrue(ser.settings().unboundClasses().contains("java.io.Serializable"));
      NotSerializableException e = assertThrows(NotSerializableException.class,
          () -> ser.serialize(new TestMessages.JavaOnly("x")));
      assertTrue(e.getMessage().startsWith("No serializer is bound for class [" + TestMessages.JavaOnly.class.getName()),
          e.getMessage());
      assertThrows(NotSerializableException.class, () -> ser.serializerFor(String.class));
      assertEquals(18, ser.findSerializerFor(1L).identifier(), "other bindings stay");
    } finally {
      Systems.terminate(s);
    }
  }

  @Test
  void aSerializerWithOnlyTheBindingNameConstructorGetsItsName() {
    ActorSystem s = Systems.create("SerializationBindingsTestName",
        "troupe.actor.serializers.my-name = \"io.troupe.serialization.TestSerializers$BindingNameSerializer\"");
    try {
      Serializer ser = SerializationExtension.get(s).serializersByName().get("my-name");
      assertEquals("my-name", ((TestSerializers.BindingNameSerializer) ser).bindingName);
      assertSame(ser, SerializationExtension.get(s).serializerByIdentity().get(104));
    } finally {
      Systems.terminate(s);
    }
  }

  private static Object newInstance(Class<?> c) {
    try {
      return c.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}

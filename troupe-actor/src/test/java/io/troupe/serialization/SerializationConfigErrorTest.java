package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Serialization mistakes in configuration fail {@code ActorSystem.create} with the key, the value and the reason. */
class SerializationConfigErrorTest {

  private static String createFails(String config, String... expectedFragments) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Systems.terminate(Systems.create("SerializationConfigErrorTest", config)));
    for (String f : expectedFragments) {
      assertTrue(e.getMessage().contains(f), "expected [" + f + "] in: " + e.getMessage());
    }
    return e.getMessage();
  }

  @Test
  void unknownSerializerClass() {
    createFails("troupe.actor.serializers.mine = \"com.example.NoSuchSerializer\"",
        "troupe.actor.serializers.mine", "com.example.NoSuchSerializer", "class not found");
  }

  @Test
  void classThatIsNotASerializer() {
    createFails("troupe.actor.serializers.mine = \"java.lang.String\"",
        "troupe.actor.serializers.mine", "does not implement io.troupe.serialization.Serializer");
  }

  @Test
  void serializerWithoutAUsableConstructor() {
    createFails("troupe.actor.serializers.mine = \"io.troupe.serialization.TestSerializers$NoConstructorSerializer\"",
        "troupe.actor.serializers.mine", "no public constructor");
  }

  @Test
  void serializerWhoseConstructorThrows() {
    createFails("troupe.actor.serializers.mine = \"io.troupe.serialization.TestSerializers$FailingConstructorSerializer\"",
        "troupe.actor.serializers.mine", "cannot start");
  }

  @Test
  void duplicateIdNamesBothSerializers() {
    createFails("troupe.actor.serializers { a = \"io.troupe.serialization.TestSerializers$TextSerializer\", "
            + "b = \"io.troupe.serialization.TestSerializers$ClashingSerializer\" }",
        "[100]", "troupe.actor.serializers.a", "troupe.actor.serializers.b", "not unique");
  }

  @Test
  void clashWithABuiltInId() {
    createFails("troupe.actor.serialization-identifiers.primitive-int = 18",
        "[18]", "troupe.actor.serializers.primitive-int", "troupe.actor.serializers.primitive-long");
  }

  @Test
  void bindingToAnUnknownSerializerName() {
    createFails("troupe.actor.serialization-bindings { \"java.lang.String\" = jsn }",
        "troupe.actor.serialization-bindings.\"java.lang.String\" = jsn", "names no serializer", "primitive-string");
  }

  @Test
  void bindingOfAClassThatDoesNotExist() {
    createFails("troupe.actor.serialization-bindings { \"com.example.Gone\" = bytes }",
        "troupe.actor.serialization-bindings.\"com.example.Gone\"", "class not found");
  }

  @Test
  void unquotedBindingKey() {
    createFails("troupe.actor.serialization-bindings { com.example.Thing = bytes }",
        "troupe.actor.serialization-bindings.com", "quote class names");
  }

  @Test
  void missingIdOfABuiltIn() {
    createFails("troupe.actor.serialization-identifiers.primitive-long = null",
        "troupe.actor.serializers.primitive-long", "troupe.actor.serialization-identifiers.\"primitive-long\" is missing");
  }

  @Test
  void idThatIsNotANumber() {
    createFails("troupe.actor.serialization-identifiers.primitive-long = eighteen",
        "troupe.actor.serialization-identifiers.\"primitive-long\"", "not an int");
  }

  @Test
  void allowJavaSerializationThatIsNotABoolean() {
    createFails("troupe.actor.allow-java-serialization = maybe", "troupe.actor.allow-java-serialization");
  }
}

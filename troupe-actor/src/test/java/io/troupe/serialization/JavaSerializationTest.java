package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.messages.TestMessages;
import io.troupe.actor.ActorSystem;
import io.troupe.event.LogMarkers;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java serialization is off by default and refused with an exception naming the class and the settings, logged with
 * the SECURITY marker; turned on, it works with id 1 and the system warns when it starts.
 */
class JavaSerializationTest {

  @Test
  void offByDefaultTheDisabledSerializerHoldsIdOneAndRefusesToSerialize() throws Exception {
    ActorSystem system = ActorSystem.create("JavaSerializationOff");
    try (LogCapture log = new LogCapture(DisabledJavaSerializer.class)) {
      Serialization ser = SerializationExtension.get(system);
      Serializer s = ser.findSerializerFor(new TestMessages.JavaOnly("secret"));
      assertInstanceOf(DisabledJavaSerializer.class, s);
      assertEquals(1, s.identifier());

      NotSerializableException e = assertThrows(NotSerializableException.class,
          () -> ser.serialize(new TestMessages.JavaOnly("secret")));
      String msg = e.getMessage();
      assertTrue(msg.contains("[" + TestMessages.JavaOnly.class.getName() + "]"), msg);
      assertTrue(msg.contains("troupe.actor.allow-java-serialization"), msg);
      assertTrue(msg.contains("troupe.actor.serialization-bindings"), msg);
      assertInstanceOf(DisabledJavaSerializer.JavaSerializationException.class, e.getCause());
      // the direct call refuses too, unchecked
      assertThrows(IllegalArgumentException.class, () -> s.toBinary(new TestMessages.JavaOnly("x")));
      assertThrows(IllegalArgumentException.class,
          () -> ((ByteBufferSerializer) s).toBinary(new TestMessages.JavaOnly("x"), ByteBuffer.allocate(64)));

      List<ILoggingEvent> security = log.withMarker(LogMarkers.SECURITY);
      assertEquals(1, security.size(), "one line per refused class: " + log.events());
      assertEquals(Level.WARN, security.get(0).getLevel());
      assertTrue(security.get(0).getFormattedMessage().contains(TestMessages.JavaOnly.class.getName()));
      assertEquals(3, ((DisabledJavaSerializer) s).refusedSerializations());
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void offByDefaultIncomingJavaPayloadsAreRefusedAndTheLogIsThrottled() throws Exception {
    ActorSystem system = ActorSystem.create("JavaSerializationIncoming");
    try (LogCapture log = new LogCapture(DisabledJavaSerializer.class)) {
      Serialization ser = SerializationExtension.get(system);
      // real Java serialization bytes of a String (ObjectOutputStream magic aced0005)
      byte[] javaBytes = java.util.HexFormat.of().parseHex("aced000574000568656c6c6f");
      for (int i = 0; i < 12; i++) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ser.deserialize(javaBytes, 1, ""));
        assertTrue(e.getMessage().contains("troupe.actor.allow-java-serialization = off"), e.getMessage());
      }
      assertThrows(IllegalArgumentException.class,
          () -> ser.deserializeByteBuffer(ByteBuffer.wrap(javaBytes), 1, ""));
      List<ILoggingEvent> security = log.withMarker(LogMarkers.SECURITY);
      assertEquals(2, security.size(), "logged for the 1st and the 10th of 13 refusals: " + log.events());
      assertTrue(security.get(1).getFormattedMessage().contains("refusal number 10"));
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void enabledItRoundTripsWithIdOneWithoutManifestAndWarnsAtStart() throws Exception {
    ActorSystem system = null;
    try (LogCapture log = new LogCapture(Serialization.class)) {
      system = Systems.create("JavaSerializationOn", "troupe.actor.allow-java-serialization = on");
      Serialization ser = SerializationExtension.get(system);
      List<ILoggingEvent> startWarnings = log.withMarker(LogMarkers.SECURITY);
      assertEquals(1, startWarnings.size(), "one SECURITY warning at start: " + log.events());
      assertEquals(Level.WARN, startWarnings.get(0).getLevel());
      assertTrue(startWarnings.get(0).getFormattedMessage().contains("troupe.actor.allow-java-serialization = on"));

      TestMessages.JavaOnly m = new TestMessages.JavaOnly("hello");
      Serializer s = ser.findSerializerFor(m);
      assertInstanceOf(JavaSerializer.class, s);
      assertEquals(1, s.identifier());
      assertFalse(s.includeManifest(), "Pekko's JavaSerializer sends no manifest");
      byte[] bytes = ser.serialize(m);
      assertEquals((byte) 0xac, bytes[0]);
      assertEquals((byte) 0xed, bytes[1]);
      assertEquals(m, ser.deserialize(bytes, 1, ""));

      // the first use of a class warns (warn-about-java-serializer-usage = on)
      assertEquals(2, log.withMarker(LogMarkers.SECURITY).size(), "warning on first use: " + log.events());
      // a non-serializable object is an IllegalArgumentException from the serializer, reported with the class
      NotSerializableException e = assertThrows(NotSerializableException.class,
          () -> ser.serialize(new NotReallySerializable()));
      assertTrue(e.getMessage().contains(NotReallySerializable.class.getName()), e.getMessage());
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void theRealJavaSerializerCannotBeCreatedWhileOff() {
    // only reachable by a configuration that bypasses the replacement, e.g. a subclass under another name
    io.troupe.ConfigurationException e = assertThrows(io.troupe.ConfigurationException.class,
        () -> Systems.create("JavaSerializationSneaky",
            "troupe.actor.serializers.sneaky = \"io.troupe.serialization.JavaSerializationTest$SneakyJava\"\n"
                + "troupe.actor.serialization-identifiers.\"io.troupe.serialization.JavaSerializer\" = 1"));
    assertTrue(e.getMessage().contains("troupe.actor.serializers.sneaky"), e.getMessage());
    assertTrue(e.getMessage().contains("allow-java-serialization = off"), e.getMessage());
  }

  /** A JavaSerializer under another class name. */
  public static final class SneakyJava extends JavaSerializer {
    public SneakyJava(io.troupe.actor.ExtendedActorSystem system) {
      super(system);
    }
  }

  /** Serializable, but holds a field that is not. */
  static final class NotReallySerializable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("unused")
    private final Object inner = new Object();
  }
}

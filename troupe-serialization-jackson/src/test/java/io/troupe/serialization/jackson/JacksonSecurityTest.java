package io.troupe.serialization.jackson;

import io.troupe.serialization.LogCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.jackson.Messages;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorSystem;
import io.troupe.event.LogMarkers;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Jackson serializer reads only classes bound to a Jackson serializer: the manifest comes from the peer, so anything
 * else (gadget classes above all) is refused with a clear error and a SECURITY log line.
 */
class JacksonSecurityTest {
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
  private static ActorSystem system;
  private static Serialization serialization;

  /** Whether a static initialiser ran: loading a refused class must not initialise it. */
  static volatile boolean initialised;

  /** Not bound; its static initialiser records that it ran. */
  public static final class Trap {
    static {
      initialised = true;
    }
  }

  @BeforeAll
  static void start() {
    system = JacksonTestSystems.create("JacksonSecurityTest", JacksonTestSystems.BINDINGS);
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    JacksonTestSystems.terminate(system);
  }

  @Test
  void aClassThatIsNotBoundIsRefusedWithoutInitialisingItAndLogged() {
    // a system of its own: refusals are logged the 1st, 10th, 100th... time per serializer
    ActorSystem fresh = JacksonTestSystems.create("JacksonSecurityTestLog", JacksonTestSystems.BINDINGS);
    try (LogCapture log = new LogCapture(JacksonSerializer.class)) {
      Serialization ser = SerializationExtension.get(fresh);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ser.deserialize(EMPTY_OBJECT, 31, Trap.class.getName()));
      assertTrue(e.getMessage().contains("[" + Trap.class.getName() + "] is not bound to a Jackson serializer"), e.getMessage());
      assertTrue(e.getMessage().contains("troupe.actor.serialization-bindings"), e.getMessage());
      assertTrue(e.getMessage().contains("allowed-class-prefix"), e.getMessage());
      assertFalse(initialised, "the refused class was initialised");
      for (int i = 0; i < 9; i++) {
        assertThrows(IllegalArgumentException.class, () -> ser.deserialize(EMPTY_OBJECT, 31, Trap.class.getName()));
      }
      List<ILoggingEvent> security = log.withMarker(LogMarkers.SECURITY);
      assertEquals(2, security.size(), "SECURITY lines for the 1st and 10th refusal: " + log.events());
      assertTrue(security.get(0).getFormattedMessage().contains(Trap.class.getName()));
    } finally {
      JacksonTestSystems.terminate(fresh);
    }
  }

  @Test
  void aClassBoundToAnotherSerializerIsRefused() {
    // java.lang.String is bound to primitive-string, and Integer to primitive-int: not Jackson's to read
    assertThrows(IllegalArgumentException.class, () -> serialization.deserialize("\"x\"".getBytes(StandardCharsets.UTF_8),
        31, "java.lang.String"));
    assertThrows(IllegalArgumentException.class, () -> serialization.deserialize(EMPTY_OBJECT, 33,
        java.util.HashMap.class.getName()));
  }

  @Test
  void knownGadgetClassesAreRefusedByNameBeforeLoading() {
    for (String gadget : new String[] {"com.sun.rowset.JdbcRowSetImpl",
        "org.springframework.beans.factory.config.PropertyPathFactoryBean", "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> serialization.deserialize(EMPTY_OBJECT, 31, gadget), gadget);
      assertTrue(e.getMessage().contains("gadget"), e.getMessage());
    }
  }

  @Test
  void writingAnUnboundClassThroughTheSerializerDirectlyIsRefusedToo() {
    JacksonSerializer json = (JacksonSerializer) serialization.serializersByName().get("jackson-json");
    assertThrows(IllegalArgumentException.class, () -> json.manifest(new Messages.Unbound("x")));
  }

  @Test
  void anUnknownManifestClassIsNotSerializable() {
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serialization.deserialize(EMPTY_OBJECT, 31, "com.example.DoesNotExist"));
    assertTrue(e.getMessage().contains("[com.example.DoesNotExist]"), e.getMessage());
  }

  @Test
  void allowedClassPrefixLetsAnUnboundClassThrough() throws Exception {
    ActorSystem s = JacksonTestSystems.create("JacksonSecurityTestPrefix",
        "troupe.serialization.jackson.allowed-class-prefix = [\"com.example.jackson.Messages$Unb\"]");
    try {
      assertEquals(new Messages.Unbound("u"), SerializationExtension.get(s).deserialize(
          "{\"x\":\"u\"}".getBytes(StandardCharsets.UTF_8), 31, Messages.Unbound.class.getName()));
    } finally {
      JacksonTestSystems.terminate(s);
    }
  }

  @Test
  void bindingAnOpenEndedTypeToJacksonFailsAtStart() {
    for (String open : new String[] {"java.lang.Object", "java.io.Serializable", "java.lang.Comparable"}) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> JacksonTestSystems.terminate(
          JacksonTestSystems.create("JacksonSecurityTestOpen", "troupe.actor.serialization-bindings { \"" + open
              + "\" = jackson-cbor }")));
      assertTrue(e.getMessage().contains("troupe.actor.serialization-bindings.\"" + open + "\" = jackson-cbor"),
          e.getMessage());
    }
  }
}

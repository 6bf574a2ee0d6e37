package io.troupe.remote.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Identify;
import io.troupe.actor.Status;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.DisabledJavaSerializer;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * troupe-remote's reference.conf: every serializer it names is created with Pekko's id, every binding it makes resolves
 * to the serializer it names, and the buffer path of the hot messages (heartbeats, Identify, replies) allocates nothing
 * per message.
 */
class RemoteSerializersConfigTest {
  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.localSystem("RemoteSerializersConfigTest", "");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  @Test
  void everySerializerOfTheReferenceConfHasPekkosId() {
    Map<String, Class<?>> byName = Map.of(
        "troupe-containers", MessageContainerSerializer.class, "troupe-misc", MiscMessageSerializer.class,
        "artery", ArteryMessageSerializer.class, "daemon-create", DaemonMsgCreateSerializer.class,
        "troupe-system-msg", SystemMessageSerializer.class);
    Map<Class<?>, Integer> ids = Map.of(DaemonMsgCreateSerializer.class, 3, MessageContainerSerializer.class, 6,
        MiscMessageSerializer.class, 16, ArteryMessageSerializer.class, 17, SystemMessageSerializer.class, 22);
    Config reference = ConfigFactory.defaultReference();
    for (Map.Entry<String, Class<?>> e : byName.entrySet()) {
      assertEquals(e.getValue().getName(), reference.getString("troupe.actor.serializers." + e.getKey()));
      Serializer s = serialization.serializersByName().get(e.getKey());
      assertSame(e.getValue(), s.getClass(), e.getKey());
      assertEquals(ids.get(e.getValue()), s.identifier(), "id of " + e.getKey());
      assertSame(s, serialization.serializerByIdentity().get(s.identifier()));
      assertTrue(s instanceof ByteBufferSerializer, e.getKey() + " writes into buffers");
    }
  }

  @Test
  void everyBindingOfTheReferenceConfResolvesToItsSerializer() throws Exception {
    Config bindings = ConfigFactory.parseResources(getClass().getClassLoader(), "reference.conf")
        .getConfig("troupe.actor.serialization-bindings");
    int checked = 0;
    for (String key : bindings.root().keySet()) {
      String name = bindings.root().get(key).unwrapped().toString();
      if (!bindings.root().get(key).origin().resource().equals("reference.conf")) continue;
      Class<?> c = Class.forName(key, false, getClass().getClassLoader());
      Serializer s = serialization.serializerFor(c);
      Serializer expected = serialization.serializersByName().get(name);
      if (name.equals("java")) assertTrue(s instanceof DisabledJavaSerializer, key + " -> " + s);
      else assertSame(expected, s, key + " is bound to " + name);
      checked++;
    }
    assertTrue(checked >= 28, "bindings checked: " + checked);
  }

  @Test
  void hotMessagesAllocateNothingPerMessageOnTheBufferPath() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled());

    List<Object> messages = List.of(
        new ActorSelectionMessage(ControlMessage.ArteryHeartbeat.INSTANCE,
            List.of(SelectionPathElement.of("system"), SelectionPathElement.of("remote-watcher")), false),
        new ControlMessage.ArteryHeartbeatRsp(-42L),
        new Identify("id-echo"), new Status.Success(42L), new Status.Success("ok"));
    ByteBuffer buf = ByteBuffer.allocateDirect(512);
    for (Object m : messages) {
      ByteBufferSerializer s = (ByteBufferSerializer) serialization.findSerializerFor(m);
      for (int i = 0; i < 20_000; i++) { // warm up, so the measured loop runs compiled code
        buf.clear();
        s.toBinary(m, buf);
      }
      long tid = Thread.currentThread().getId();
      long before = hs.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 10_000; i++) {
        buf.clear();
        s.toBinary(m, buf);
      }
      long allocated = hs.getThreadAllocatedBytes(tid) - before;
      // one 16-byte object per message would be 160 000 bytes
      assertTrue(allocated < 16_384, m + " allocated " + allocated + " bytes for 10 000 messages");
    }
  }
}

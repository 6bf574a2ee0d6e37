package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.LocalScope;
import io.troupe.actor.Props;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.remote.serialization.SerializationTestSupport.PathRef;
import io.troupe.routing.NoRouter;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wirecapture.Capture;

/** DaemonMsgCreateSerializer (id 3): Props, Deploy, path and supervisor; Pekko's bytes; classes that cannot be made. */
class DaemonMsgCreateSerializerTest {
  private static final Address SYS_B = new Address("pekko", "SysB", "127.0.0.1", 25530);
  private static final String DEPLOYED = "pekko://SysB@127.0.0.1:25530/remote/pekko/SysA@127.0.0.1:25520/user/deployed#2053707732";

  private static ActorSystem system;
  private static Serialization serialization;
  private static Serializer serializer;

  /** An actor with constructor arguments of three kinds. */
  public static final class Worker extends AbstractActor {
    public Worker(String name, Integer count, Object extra) {}

    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.localSystem("DaemonMsgCreateSerializerTest", "");
    serialization = SerializationExtension.get(system);
    serializer = serialization.serializerByIdentity().get(3);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  @Test
  void aDeploymentBuiltHereIsTheCapturedPekkoBytes() throws Exception {
    Deploy remote = new Deploy(new RemoteScope(SYS_B));
    Props props = Props.create(Capture.Fragile.class).withDeploy(remote);
    DaemonMsgCreate m = new DaemonMsgCreate(props, remote, DEPLOYED, new PathRef("pekko://SysA@127.0.0.1:25520/user"));
    assertSame(serializer, serialization.findSerializerFor(m));
    assertEquals(3, serializer.identifier());
    assertFalse(serializer.includeManifest());
    byte[] captured = SerializationTestSupport.capturedPayloads().stream().filter(c -> c.serializerId() == 3)
        .findFirst().orElseThrow().bytes();
    assertEquals(hex(captured), hex(serialization.serialize(m)), "captured #91");
  }

  @Test
  void propsWithArgumentsAndDeployRoundTrip() throws Exception {
    ActorRef supervisor = system.actorOf(Props.create(Capture.Fragile.class), "parent");
    Deploy deploy = new Deploy("/parent/child", ConfigFactory.parseString("x = 1"), NoRouter.getInstance(),
        new RemoteScope(SYS_B), "my-dispatcher", "");
    Props props = Props.create(Worker.class, "name", 3, null).withDeploy(deploy);
    DaemonMsgCreate m = new DaemonMsgCreate(props, Deploy.local(), "pekko://SysB@127.0.0.1:25530/remote/x#1", supervisor);
    byte[] bytes = serialization.serialize(m);
    String h = hex(bytes);
    // the repeated fields of PropsData, unpacked and grouped by field: args, manifests, serializer ids, hasManifest
    String groups = "2204" + hex("name".getBytes()) + "220403000000" + "2200"
        + "2a10" + hex("java.lang.String".getBytes()) + "2a11" + hex("java.lang.Integer".getBytes()) + "2a04" + hex("null".getBytes())
        + "3014" + "3013" + "3000" + "3800" + "3800" + "3800";
    assertTrue(h.contains(groups), "PropsData args: " + h);

    DaemonMsgCreate back = (DaemonMsgCreate) serialization.deserialize(bytes, 3, "");
    assertSame(Worker.class, back.props().actorClass());
    assertEquals(Arrays.asList("name", 3, null), back.props().args());
    Deploy d = back.props().deploy();
    assertEquals("/parent/child", d.path());
    assertEquals("my-dispatcher", d.dispatcher());
    assertEquals(new RemoteScope(SYS_B), d.scope());
    assertEquals(1, d.config().getInt("x"));
    assertSame(LocalScope.getInstance(), back.deploy().scope(), "LS");
    assertEquals(m.path(), back.path());
    assertSame(supervisor, back.supervisor());
    assertEquals(hex(bytes), hex(serialization.serialize(back)), "written again byte for byte");
  }

  private static byte[] daemonMsgCreate(String clazz, boolean argsWithoutSerializerIds) {
    ByteBuffer b = ByteBuffer.allocate(512);
    long props = ProtoWriter.beginNested(b, 1);
    long deploy = ProtoWriter.beginNested(b, 2);
    ProtoWriter.string(b, 1, "");
    ProtoWriter.endNested(b, deploy);
    ProtoWriter.string(b, 3, clazz);
    if (argsWithoutSerializerIds) {
      ProtoWriter.bytes(b, 4, new byte[] {(byte) 0xac, (byte) 0xed});
      ProtoWriter.string(b, 5, "java.lang.String");
    }
    ProtoWriter.endNested(b, props);
    long deploy2 = ProtoWriter.beginNested(b, 2);
    ProtoWriter.string(b, 1, "");
    ProtoWriter.endNested(b, deploy2);
    ProtoWriter.string(b, 3, "pekko://B@h:1/remote/x#1");
    long sup = ProtoWriter.beginNested(b, 4);
    ProtoWriter.string(b, 1, "pekko://A@h:2/user");
    ProtoWriter.endNested(b, sup);
    return Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void classesThatDoNotExistOrAreNotActorsAreRefusedByName() throws Exception {
    DaemonMsgCreate ok = (DaemonMsgCreate) serialization.deserialize(
        daemonMsgCreate(Capture.Fragile.class.getName(), false), 3, "");
    assertSame(Capture.Fragile.class, ok.props().actorClass(), "the hand-made bytes are valid");

    NotSerializableException missing = assertThrows(NotSerializableException.class,
        () -> serialization.deserialize(daemonMsgCreate("com.example.Missing", false), 3, ""));
    assertTrue(missing.getMessage().contains("actor class [com.example.Missing] not found"), missing.getMessage());
    NotSerializableException notActor = assertThrows(NotSerializableException.class,
        () -> serialization.deserialize(daemonMsgCreate("java.lang.String", false), 3, ""));
    assertTrue(notActor.getMessage().contains("[java.lang.String]") && notActor.getMessage().contains("AbstractActor"),
        notActor.getMessage());
    NotSerializableException old = assertThrows(NotSerializableException.class,
        () -> serialization.deserialize(daemonMsgCreate(Capture.Fragile.class.getName(), true), 3, ""));
    assertTrue(old.getMessage().contains("old wire format"), old.getMessage());
  }

  @Test
  void propsFromACreatorCannotBeSent() {
    Props props = Props.create(Capture.Fragile.class, Capture.Fragile::new);
    DaemonMsgCreate m = new DaemonMsgCreate(props, Deploy.local(), "pekko://B@h:1/remote/x#1", new PathRef("pekko://A@h:2/user"));
    NotSerializableException e = assertThrows(NotSerializableException.class, () -> serialization.serialize(m));
    assertTrue(e.getMessage().contains("Creator"), e.getMessage());
  }

  @Test
  void argumentsWithoutASerializerAreRefused() {
    Props props = Props.create(Worker.class, "n", 1, new StringBuilder("no serializer"));
    DaemonMsgCreate m = new DaemonMsgCreate(props, Deploy.local(), "pekko://B@h:1/remote/x#1", new PathRef("pekko://A@h:2/user"));
    NotSerializableException e = assertThrows(NotSerializableException.class, () -> serialization.serialize(m));
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
  }

  @Test
  void bufferPathWritesTheArrayPathsBytes() throws Exception {
    Props props = Props.create(Worker.class, "n", 1, 2L).withDeploy(new Deploy(new RemoteScope(SYS_B)));
    DaemonMsgCreate m = new DaemonMsgCreate(props, new Deploy(new RemoteScope(SYS_B)), "pekko://B@h:1/remote/x#1",
        new PathRef("pekko://A@h:2/user"));
    byte[] expected = serializer.toBinary(m);
    ByteBuffer direct = ByteBuffer.allocateDirect(1024);
    ((io.troupe.serialization.ByteBufferSerializer) serializer).toBinary(m, direct);
    direct.flip();
    byte[] written = new byte[direct.remaining()];
    direct.get(written);
    assertArrayEquals(expected, written);
    assertEquals(List.of("n", 1, 2L), ((DaemonMsgCreate) serializer.fromBinary(written, java.util.Optional.empty())).props().args());
  }
}

package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSelection;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.routing.ActorRefRoutee;
import io.troupe.routing.ActorSelectionRoutee;
import io.troupe.routing.Broadcast;
import io.troupe.routing.BroadcastGroup;
import io.troupe.routing.BroadcastPool;
import io.troupe.routing.ConsistentHashingPool;
import io.troupe.routing.FromConfig;
import io.troupe.routing.GetRoutees;
import io.troupe.routing.Pool;
import io.troupe.routing.RandomPool;
import io.troupe.routing.RoundRobinGroup;
import io.troupe.routing.RoundRobinPool;
import io.troupe.routing.Routee;
import io.troupe.routing.Routees;
import io.troupe.routing.SmallestMailboxPool;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router configs of MiscMessageSerializer (id 16) that deploying a router onto another node needs, and the router
 * messages Troupe sends in its own format (GetRoutees, Routees, Broadcast).
 *
 * <p>The expected bytes are written by hand from the field numbers of Pekko's {@code WireFormats.proto}
 * (GenericRoutingPool, FromConfig, RemoteRouterConfig, AddressData) and the defaults of Pekko's
 * {@code MiscMessageSerializer} (router dispatcher left out when it is the default dispatcher, nrOfInstances and
 * usePoolDispatcher always written, FromConfig's default as no bytes), both read in apache/pekko for this purpose; see
 * also spec section 9.3. A key byte is {@code field << 3 | wire type}.
 */
class RouterConfigSerializationTest {
  private static final Address SYS_B = new Address("pekko", "SysB", "127.0.0.1", 25530);
  /** AddressData of SYS_B: system "SysB" (0a 04), hostname "127.0.0.1" (12 09), port 25530 (18 ba c7 01), protocol "pekko" (22 05). */
  private static final String SYS_B_ADDRESS_DATA = "0a04" + ascii("SysB") + "1209" + ascii("127.0.0.1") + "18bac701"
      + "2205" + ascii("pekko");

  private static ActorSystem system;
  private static Serialization serialization;
  private static MiscMessageSerializer misc;

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.localSystem("RouterConfigSerializationTest", "");
    serialization = SerializationExtension.get(system);
    misc = (MiscMessageSerializer) serialization.serializerByIdentity().get(16);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  private static String ascii(String s) { return hex(s.getBytes(StandardCharsets.US_ASCII)); }

  private static Object roundTrip(Object o) throws Exception {
    return SerializationTestSupport.roundTrip(serialization, o);
  }

  private static Object read(String manifest, String hexBytes) throws NotSerializableException {
    return misc.fromBinary(SerializationTestSupport.hex(hexBytes), manifest);
  }

  public static final class Worker extends AbstractActor {
    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  private static final SupervisorStrategy CUSTOM =
      new OneForOneStrategy(DeciderBuilder.matchAny(e -> SupervisorStrategy.resume()).build());

  @Test
  void routerConfigsAndRouterMessagesGetId16AndTheirManifests() {
    Map<Object, String> expected = new LinkedHashMap<>();
    expected.put(FromConfig.getInstance(), "FC");
    expected.put(new RoundRobinPool(3), "RORRP");
    expected.put(new RandomPool(3), "RORP");
    expected.put(new BroadcastPool(3), "ROBP");
    expected.put(new RemoteRouterConfig(new RoundRobinPool(3), List.of(SYS_B)), "RORRC");
    expected.put(GetRoutees.getInstance(), "troupe.GetRoutees");
    expected.put(new Routees(List.of()), "troupe.Routees");
    expected.put(new Broadcast("x"), "troupe.Broadcast");
    for (Map.Entry<Object, String> e : expected.entrySet()) {
      Serializer s = serialization.findSerializerFor(e.getKey());
      assertSame(misc, s, "serializer of " + e.getKey().getClass().getName());
      assertEquals(e.getValue(), Serializers.manifestFor(s, e.getKey()), "manifest of " + e.getKey());
    }
  }

  @Test
  void roundRobinPoolIsAGenericRoutingPool() throws Exception {
    // nrOfInstances (field 1, varint) = 3; no routerDispatcher (the default); usePoolDispatcher (field 3, varint) = false
    assertEquals("0803" + "1800", hex(serialization.serialize(new RoundRobinPool(3))));
    assertEquals(new RoundRobinPool(3), read("RORRP", "08031800"));
    assertEquals(new RoundRobinPool(3), roundTrip(new RoundRobinPool(3)));
  }

  @Test
  void randomAndBroadcastPoolsCarryDispatcherAndPoolDispatcherFlag() throws Exception {
    RandomPool random = new RandomPool(5, Pool.DEFAULT_SUPERVISOR_STRATEGY, "my-d", true);
    // nrOfInstances 5; routerDispatcher (field 2, length-delimited) "my-d"; usePoolDispatcher true
    assertEquals("0805" + "1204" + ascii("my-d") + "1801", hex(serialization.serialize(random)));
    assertEquals(random, roundTrip(random));
    RandomPool back = (RandomPool) read("RORP", "0805" + "1204" + ascii("my-d") + "1801");
    assertEquals(5, back.nrOfInstances());
    assertEquals("my-d", back.routerDispatcher());
    assertTrue(back.usePoolDispatcher());

    assertEquals("0800" + "1800", hex(serialization.serialize(new BroadcastPool(0))), "nrOfInstances is written when 0");
    assertEquals(new BroadcastPool(7), roundTrip(new BroadcastPool(7)));
    assertInstanceOf(BroadcastPool.class, read("ROBP", "08071800"));
  }

  @Test
  void theSupervisorStrategyDoesNotTravel() throws Exception {
    RoundRobinPool custom = new RoundRobinPool(3).withSupervisorStrategy(CUSTOM);
    assertEquals("08031800", hex(serialization.serialize(custom)), "no field for it, as in Pekko");
    RoundRobinPool back = (RoundRobinPool) roundTrip(custom);
    assertSame(Pool.DEFAULT_SUPERVISOR_STRATEGY, back.supervisorStrategy(), "the far side has the pool's default");
    FromConfig fc = (FromConfig) roundTrip(FromConfig.getInstance().withSupervisorStrategy(CUSTOM));
    assertSame(Pool.DEFAULT_SUPERVISOR_STRATEGY, fc.supervisorStrategy());
  }

  @Test
  void fromConfigIsNoBytesUnlessItHasADispatcher() throws Exception {
    assertEquals(0, serialization.serialize(FromConfig.getInstance()).length, "Pekko's default FromConfig: no bytes");
    assertEquals(0, serialization.serialize(FromConfig.getInstance().withSupervisorStrategy(CUSTOM)).length);
    assertSame(FromConfig.getInstance(), read("FC", ""));
    FromConfig withDispatcher = FromConfig.getInstance().withDispatcher("d");
    // routerDispatcher (field 2) "d"
    assertEquals("1201" + ascii("d"), hex(serialization.serialize(withDispatcher)));
    assertEquals(withDispatcher, roundTrip(withDispatcher));
    assertEquals("d", ((FromConfig) read("FC", "120164")).routerDispatcher());
  }

  @Test
  void remoteRouterConfigIsThePayloadOfItsPoolAndItsNodes() throws Exception {
    Address sysC = new Address("pekko", "SysC", "127.0.0.1", 25531);
    RemoteRouterConfig rrc = new RemoteRouterConfig(new RoundRobinPool(3), List.of(SYS_B, sysC));
    // local (field 1): Payload{enclosedMessage (1) = 08 03 18 00, serializerId (2) = 16, messageManifest (4) = "RORRP"}
    String local = "0a0f" + "0a04" + "08031800" + "1010" + "2205" + ascii("RORRP");
    // nodes (field 2, repeated): AddressData of each, 28 bytes
    String sysCData = SYS_B_ADDRESS_DATA.replace(ascii("SysB"), ascii("SysC")).replace("18bac701", "18bbc701");
    String expected = local + "121c" + SYS_B_ADDRESS_DATA + "121c" + sysCData;
    assertEquals(expected, hex(serialization.serialize(rrc)));

    RemoteRouterConfig back = (RemoteRouterConfig) read("RORRC", expected);
    assertEquals(new RoundRobinPool(3), back.local());
    assertEquals(List.of(SYS_B, sysC), back.nodes());
    assertEquals(expected, hex(serialization.serialize(roundTrip(rrc))));
  }

  @Test
  void aDeploymentOfARouterCarriesItsConfigInDeployData() throws Exception {
    Deploy remote = new Deploy(new RemoteScope(SYS_B));
    Props props = new RoundRobinPool(3).props(Props.create(Worker.class)).withDeploy(remote);
    DaemonMsgCreate m = new DaemonMsgCreate(props, props.deploy(),
        "pekko://SysB@127.0.0.1:25530/remote/pekko/SysA@127.0.0.1:25520/user/router#1",
        new SerializationTestSupport.PathRef("pekko://SysA@127.0.0.1:25520/user"));
    byte[] bytes = serialization.serialize(m);
    // DeployData: routerConfig (field 3) = the pool's bytes; routerConfigSerializerId (10) = 16; manifest (11) "RORRP"
    String h = hex(bytes);
    assertTrue(h.contains("1a0408031800"), h);
    assertTrue(h.contains("5010" + "5a05" + ascii("RORRP")), h);
    DaemonMsgCreate back = (DaemonMsgCreate) serialization.deserialize(bytes, 3, "");
    assertEquals(new RoundRobinPool(3), back.props().routerConfig());
    assertEquals(new RoundRobinPool(3), back.deploy().routerConfig());
    assertSame(Worker.class, back.props().actorClass(), "the routees' class, which the allow list checks");
  }

  @Test
  void resizersAndMalformedConfigsAreRefused() {
    NotSerializableException resizer = assertThrows(NotSerializableException.class,
        () -> read("RORRP", "0803180022020a00"), "a resizer payload in field 4");
    assertTrue(resizer.getMessage().contains("resizer"), resizer.getMessage());
    assertThrows(NotSerializableException.class, () -> read("FC", "0a020a00"), "FromConfig with a resizer");
    MalformedFrameException missing = assertThrows(MalformedFrameException.class, () -> read("RORP", "1800"));
    assertTrue(missing.getMessage().contains("nrOfInstances"), missing.getMessage());
    assertThrows(MalformedFrameException.class, () -> read("RORP", "0803"), "usePoolDispatcher is required");
    assertThrows(MalformedFrameException.class, () -> read("ROBP", "08ffffffff0f1800"), "nrOfInstances 2^32-1");
    assertThrows(MalformedFrameException.class, () -> read("RORRC", "0a0f0a04080318001010" + "2205" + ascii("RORRP")),
        "no nodes");
    NotSerializableException notAPool = assertThrows(NotSerializableException.class,
        () -> read("RORRC", "0a050a01781014" + "121c" + SYS_B_ADDRESS_DATA), "a String as the local pool");
    assertTrue(notAPool.getMessage().contains("expected a pool"), notAPool.getMessage());
  }

  @Test
  void poolsAndGroupsWithoutPekkoFormatAreRefusedNamingTheirClass() {
    Object[] refused = {new SmallestMailboxPool(2), new ConsistentHashingPool(2),
        new RoundRobinGroup(List.of("/user/a")), new BroadcastGroup(List.of("/user/a")),
        new RemoteRouterConfig(new SmallestMailboxPool(2), List.of(SYS_B))};
    for (Object o : refused) {
      assertSame(misc, serialization.findSerializerFor(o), "bound to id 16 as in Pekko: " + o);
      NotSerializableException e = assertThrows(NotSerializableException.class, () -> serialization.serialize(o));
      String name = o instanceof RemoteRouterConfig ? SmallestMailboxPool.class.getName() : o.getClass().getName();
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  @Test
  void getRouteesRouteesAndBroadcastRoundTrip() throws Exception {
    assertEquals(0, serialization.serialize(GetRoutees.getInstance()).length);
    assertSame(GetRoutees.getInstance(), roundTrip(GetRoutees.getInstance()));

    // Payload of "x": enclosedMessage "x", serializerId 20 (String), no manifest
    assertEquals("0a0178" + "1014", hex(serialization.serialize(new Broadcast("x"))));
    assertEquals(new Broadcast("x"), roundTrip(new Broadcast("x")));
    assertEquals(new Broadcast(42), roundTrip(new Broadcast(42)));

    ActorRef a = system.actorOf(Props.create(Worker.class), "a");
    ActorRef b = system.actorOf(Props.create(Worker.class), "b");
    Routee selection = new ActorSelectionRoutee(ActorSelection.apply(a, "../b"));
    Routees routees = new Routees(List.of(new ActorRefRoutee(a), new ActorRefRoutee(b), selection));
    Routees back = (Routees) roundTrip(routees);
    assertEquals(routees.getRoutees().subList(0, 2), back.getRoutees().subList(0, 2));
    ActorSelection sel = ((ActorSelectionRoutee) back.getRoutees().get(2)).selection();
    assertEquals(a, sel.anchor());
    assertEquals("/../b", sel.pathString());
    // routees (field 1): Routee{ref (field 1): ActorRef{path (field 1)}}
    String aPath = Serialization.serializedActorPath(a);
    assertEquals(hex(new byte[] {0x0a, (byte) (aPath.length() + 4), 0x0a, (byte) (aPath.length() + 2), 0x0a,
        (byte) aPath.length()}) + ascii(aPath), hex(serialization.serialize(new Routees(List.of(new ActorRefRoutee(a))))));
    assertTrue(assertThrows(NotSerializableException.class, () -> serialization.serialize(
        new Routees(List.of(new io.troupe.routing.SeveralRoutees(List.of())))))
        .getMessage().contains("SeveralRoutees"));
  }

  @Test
  void bufferPathWritesTheSameBytes() throws Exception {
    Object[] samples = {new RoundRobinPool(3), new RandomPool(5, Pool.DEFAULT_SUPERVISOR_STRATEGY, "my-d", true),
        FromConfig.getInstance().withDispatcher("d"), new RemoteRouterConfig(new BroadcastPool(2), List.of(SYS_B)),
        new Broadcast("x")};
    for (Object o : samples) {
      byte[] expected = misc.toBinary(o);
      ByteBuffer direct = ByteBuffer.allocateDirect(256);
      direct.position(3);
      misc.toBinary(o, direct);
      direct.flip().position(3);
      byte[] written = new byte[direct.remaining()];
      direct.duplicate().get(written);
      assertArrayEquals(expected, written, "bytes of " + o);
      Object back = misc.fromBinary(direct, misc.manifest(o));
      assertNotSame(o, back);
      assertEquals(hex(expected), hex(misc.toBinary(back)), "read back " + o);
      assertThrows(BufferOverflowException.class, () -> misc.toBinary(o, ByteBuffer.allocate(expected.length - 1)),
          "a buffer one byte short for " + o);
    }
  }
}

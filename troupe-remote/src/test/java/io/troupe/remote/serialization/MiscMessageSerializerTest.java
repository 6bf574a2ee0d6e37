package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.Done;
import io.troupe.NotUsed;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorKilledException;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Identify;
import io.troupe.actor.InvalidMessageException;
import io.troupe.actor.Kill;
import io.troupe.actor.LocalScope;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.Props;
import io.troupe.actor.Status;
import io.troupe.pattern.AskTimeoutException;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.remote.serialization.SerializationTestSupport.PathRef;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.SerializerWithStringManifest;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MiscMessageSerializer (id 16): every manifest round trips through the extension of a system with the local
 * provider, with Pekko's bytes where the capture or the spec shows them, and refuses what it cannot read with a
 * NotSerializableException or MalformedFrameException that says what was wrong.
 */
class MiscMessageSerializerTest {
  private static ActorSystem system;
  private static Serialization serialization;
  private static MiscMessageSerializer misc;

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.localSystem("MiscMessageSerializerTest", "");
    serialization = SerializationExtension.get(system);
    misc = (MiscMessageSerializer) serialization.serializerByIdentity().get(16);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  public static final class Silent extends AbstractActor {
    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  private static Object roundTrip(Object o) throws Exception {
    return SerializationTestSupport.roundTrip(serialization, o);
  }

  private static Object read(String manifest, String hexBytes) throws NotSerializableException {
    return misc.fromBinary(SerializationTestSupport.hex(hexBytes), manifest);
  }

  @Test
  void everyValueGetsId16AndPekkosManifest() {
    Map<Object, String> expected = new LinkedHashMap<>();
    expected.put(new Identify("x"), "A");
    expected.put(new ActorIdentity("x", Optional.empty()), "B");
    expected.put(Optional.of(1), "H");
    expected.put(new PathRef("pekko://S@h:1/user/a#1"), "G");
    expected.put(new Status.Success(1), "D");
    expected.put(new Status.Failure(new RuntimeException()), "E");
    expected.put(new ActorKilledException("k"), "F");
    expected.put(new TimeoutException("t"), "F");
    expected.put(new ActorInitializationException("i"), "AIEX");
    expected.put(new ThrowableNotSerializableException("m", "c"), "TNSEX");
    expected.put(PoisonPill.getInstance(), "P");
    expected.put(Kill.getInstance(), "K");
    expected.put(Done.getInstance(), "DONE");
    expected.put(NotUsed.getInstance(), "NU");
    expected.put(new Address("pekko", "S", "h", 1), "AD");
    expected.put(new UniqueAddress(new Address("pekko", "S", "h", 1), 7), "UD");
    expected.put(LocalScope.getInstance(), "LS");
    expected.put(new RemoteScope(new Address("pekko", "S", "h", 1)), "RS");
    expected.put(ConfigFactory.parseString("a = 1"), "CF");
    for (Map.Entry<Object, String> e : expected.entrySet()) {
      Serializer s = serialization.findSerializerFor(e.getKey());
      assertSame(misc, s, "serializer of " + e.getKey().getClass().getName());
      assertEquals(e.getValue(), Serializers.manifestFor(s, e.getKey()), "manifest of " + e.getKey());
    }
    assertEquals(16, misc.identifier());
    assertInstanceOf(SerializerWithStringManifest.class, misc);
    assertInstanceOf(ByteBufferSerializer.class, misc);
  }

  @Test
  void identifyOfNullIsPekkosIdentifyNone() throws Exception {
    byte[] bytes = serialization.serialize(new Identify(null));
    assertEquals("0a070a00101022014 3".replace(" ", ""), hex(bytes), "what resolveOne sends (spec 9.3)");
    assertEquals(new Identify(null), roundTrip(new Identify(null)));
    assertEquals("0a0b0a0769642d6563686f1014", hex(serialization.serialize(new Identify("id-echo"))));
    assertEquals(new Identify("id-echo"), roundTrip(new Identify("id-echo")));
    assertEquals(new Identify(42L), roundTrip(new Identify(42L)));
  }

  @Test
  void actorIdentityCarriesTheRefAsItsWirePath() throws Exception {
    ActorRef local = system.actorOf(Props.create(Silent.class), "identified");
    ActorIdentity found = new ActorIdentity("c", Optional.of(local));
    ActorIdentity back = (ActorIdentity) roundTrip(found);
    assertEquals(found, back, "a local ref resolves to the same actor");
    assertSame(local, back.getActorRef().orElseThrow());

    ActorIdentity none = new ActorIdentity(null, Optional.empty());
    assertEquals("0a070a00101022014 3".replace(" ", ""), hex(serialization.serialize(none)), "ActorIdentity(None, None)");
    assertEquals(none, roundTrip(none));

    String remote = "pekko://SysB@127.0.0.1:25530/user/echo#121359565";
    byte[] bytes = serialization.serialize(new ActorIdentity("id-echo", Optional.of(new PathRef(remote))));
    assertEquals("0a0b0a0769642d6563686f101412320a30" + hex(remote.getBytes(StandardCharsets.US_ASCII)), hex(bytes),
        "the captured ActorIdentity (#20)");
  }

  @Test
  void actorRefIsItsWirePath() throws Exception {
    ActorRef local = system.actorOf(Props.create(Silent.class), "referenced");
    assertSame(local, roundTrip(local));
    String wire = new String(Arrays.copyOfRange(serialization.serialize(local), 2, serialization.serialize(local).length),
        StandardCharsets.UTF_8);
    assertEquals(local.path().toSerializationFormat(), wire, "path with #uid");
    assertTrue(wire.endsWith("/user/referenced#" + local.path().uid()), wire);

    String remote = "pekko://SysA@127.0.0.1:25520/user/probe#1329560230";
    assertEquals("0a32" + hex(remote.getBytes(StandardCharsets.US_ASCII)), hex(serialization.serialize(new PathRef(remote))));
  }

  @Test
  void statusSuccessIsThePayloadOfItsValue() throws Exception {
    assertEquals("0a026f6b1014", hex(serialization.serialize(new Status.Success("ok"))), "captured #37");
    assertEquals(new Status.Success("ok"), roundTrip(new Status.Success("ok")));
    assertEquals(new Status.Success(-5L), roundTrip(new Status.Success(-5L)));
    assertEquals("0a001000", hex(serialization.serialize(new Status.Success(null))), "null is the null serializer's");
    assertEquals(new Status.Success(null), roundTrip(new Status.Success(null)));
    assertEquals(new Status.Success(Done.getInstance()), roundTrip(new Status.Success(Done.getInstance())));
  }

  @Test
  void failureWithAnUnboundExceptionIsPekkosThrowableNotSerializable() throws Exception {
    byte[] bytes = serialization.serialize(new Status.Failure(new IllegalStateException("boom")));
    assertEquals("0a680a3f" + hex("Serialization of [java.lang.IllegalStateException] failed. boom".getBytes(StandardCharsets.UTF_8))
        + "1204" + hex("boom".getBytes(StandardCharsets.UTF_8)) + "1a1f"
        + hex("java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8)) + "10102205544e534558", hex(bytes),
        "captured #38");
    Status.Failure back = (Status.Failure) roundTrip(new Status.Failure(new IllegalStateException("boom")));
    ThrowableNotSerializableException e = assertInstanceOf(ThrowableNotSerializableException.class, back.cause());
    assertEquals("boom", e.originalMessage());
    assertEquals("java.lang.IllegalStateException", e.originalClassName());

    Status.Failure noMessage = (Status.Failure) roundTrip(new Status.Failure(new IllegalStateException()));
    ThrowableNotSerializableException n = (ThrowableNotSerializableException) noMessage.cause();
    assertEquals("", n.originalMessage(), "Pekko writes a missing message as \"\"");
    assertEquals("Serialization of [java.lang.IllegalStateException] failed. null", n.getMessage());
  }

  @Test
  void boundExceptionsCrossUnderPekkosClassNameAndComeBackAsThemselves() throws Exception {
    ActorKilledException killed = new ActorKilledException("Kill");
    byte[] bytes = serialization.serialize(killed);
    assertTrue(hex(bytes).startsWith("0a2b" + hex("org.apache.pekko.actor.ActorKilledException".getBytes(StandardCharsets.UTF_8))),
        "Troupe's ActorKilledException is written as Pekko's: " + hex(bytes));
    ActorKilledException back = (ActorKilledException) roundTrip(killed);
    assertEquals("Kill", back.getMessage());

    AskTimeoutException timeout = new AskTimeoutException("Ask timed out", new TimeoutException("inner"));
    Status.Failure failure = (Status.Failure) roundTrip(new Status.Failure(timeout));
    AskTimeoutException t = assertInstanceOf(AskTimeoutException.class, failure.cause(), "bound via TimeoutException");
    assertEquals("Ask timed out", t.getMessage());
    assertEquals(TimeoutException.class, t.getCause().getClass());
    assertEquals("inner", t.getCause().getMessage());
    assertEquals(frames(timeout.getStackTrace()), frames(t.getStackTrace()), "the stack trace travels");

    // Pekko's own name is read as Troupe's class
    byte[] pekkos = throwableBytes("org.apache.pekko.actor.InvalidMessageException", "bad");
    assertEquals(InvalidMessageException.class, misc.fromBinary(pekkos, "F").getClass());
  }

  /** Class, method, file and line of each frame (what travels; not the class loader and module names). */
  private static java.util.List<String> frames(StackTraceElement[] trace) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (StackTraceElement e : trace) {
      out.add(e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")");
    }
    return out;
  }

  @Test
  void exceptionsThatMayNotBeCreatedBecomeThrowableNotSerializable() throws Exception {
    for (String cls : new String[] {"com.example.DoesNotExist", "java.lang.IllegalStateException", "java.lang.String",
        "java.lang.ProcessBuilder"}) {
      Object o = misc.fromBinary(throwableBytes(cls, "msg"), "F");
      ThrowableNotSerializableException e = assertInstanceOf(ThrowableNotSerializableException.class, o, cls);
      assertEquals(cls, e.originalClassName());
      assertEquals("msg", e.originalMessage());
    }
  }

  @Test
  void anExceptionWhoseCauseCannotBeReadStillArrives() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(256);
    ProtoWriter.string(b, 1, "org.apache.pekko.actor.InvalidMessageException");
    ProtoWriter.string(b, 2, "bad");
    ProtoWriter.bytes(b, 3, SerializationTestSupport.hex("0a0178107b")); // Payload of unknown serializer 123
    Object o = misc.fromBinary(Arrays.copyOf(b.array(), b.position()), "F");
    ThrowableNotSerializableException e = assertInstanceOf(ThrowableNotSerializableException.class, o);
    assertEquals("bad", e.originalMessage());
    assertEquals("org.apache.pekko.actor.InvalidMessageException", e.originalClassName());
    assertInstanceOf(NotSerializableException.class, e.getCause(), "why, kept on this node");
    assertTrue(e.getCause().getMessage().contains("[123]"), e.getCause().getMessage());
  }

  private static byte[] throwableBytes(String className, String message) {
    ByteBuffer b = ByteBuffer.allocate(256);
    ProtoWriter.string(b, 1, className);
    ProtoWriter.string(b, 2, message);
    return Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void cyclicCauseChainsAreRefusedInsteadOfOverflowingTheStack() {
    InvalidMessageException a = new InvalidMessageException("a");
    InvalidMessageException b = new InvalidMessageException("b", a);
    a.initCause(b);
    NotSerializableException e = assertThrows(NotSerializableException.class, () -> serialization.serialize(a));
    assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
  }

  @Test
  void deeplyNestedPayloadsAreMalformed() throws Exception {
    byte[] bytes = serialization.serialize(new Status.Success("x"));
    for (int i = 0; i < 40; i++) {
      ByteBuffer b = ByteBuffer.allocate(bytes.length + 16);
      ProtoWriter.bytes(b, 1, bytes);
      ProtoWriter.int32(b, 2, 16);
      ProtoWriter.string(b, 4, "D");
      bytes = Arrays.copyOf(b.array(), b.position());
    }
    byte[] deep = bytes;
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> serialization.deserialize(deep, 16, "D"));
    assertTrue(e.getMessage().contains("nested deeper than 32"), e.getMessage());
  }

  @Test
  void actorInitializationExceptionKeepsActorMessageAndCause() throws Exception {
    ActorRef actor = system.actorOf(Props.create(Silent.class), "failing");
    ActorInitializationException e = new ActorInitializationException(actor, "exception during creation",
        new ActorKilledException("inner"));
    byte[] bytes = serialization.serialize(e);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertTrue(text.contains(actor.path() + ": exception during creation"), "Pekko's message form: " + hex(bytes));
    ActorInitializationException back = (ActorInitializationException) roundTrip(e);
    assertSame(actor, back.getActor());
    assertEquals(e.getMessage(), back.getMessage());
    assertEquals("inner", back.getCause().getMessage());

    ActorInitializationException noActor = new ActorInitializationException(null, "plain", null);
    ActorInitializationException back2 = (ActorInitializationException) roundTrip(noActor);
    assertNull(back2.getActor());
    assertEquals("plain", back2.getMessage());
    assertNull(back2.getCause());
  }

  @Test
  void throwableNotSerializableKeepsTheWordingItCameWith() throws Exception {
    ThrowableNotSerializableException e = new ThrowableNotSerializableException("worded elsewhere", "orig", "a.B");
    ThrowableNotSerializableException back = (ThrowableNotSerializableException) roundTrip(e);
    assertEquals("worded elsewhere", back.getMessage());
    assertEquals("orig", back.originalMessage());
    assertEquals("a.B", back.originalClassName());
    assertThrows(MalformedFrameException.class, () -> read("TNSEX", "0a0161"), "required fields missing");
  }

  @Test
  void singletonsHaveNoBytes() throws Exception {
    for (Object o : new Object[] {PoisonPill.getInstance(), Kill.getInstance(), Done.getInstance(), NotUsed.getInstance(),
        LocalScope.getInstance()}) {
      assertEquals(0, serialization.serialize(o).length, o + " has no bytes");
      assertSame(o, roundTrip(o));
    }
  }

  @Test
  void optionalsAndPekkosOptions() throws Exception {
    assertEquals(0, serialization.serialize(Optional.empty()).length);
    assertEquals(Optional.empty(), roundTrip(Optional.empty()));
    assertEquals("0a070a036f70741014", hex(serialization.serialize(Optional.of("opt"))), "captured #41");
    assertEquals(Optional.of("opt"), roundTrip(Optional.of("opt")));
    assertNull(read("C", ""), "Scala's None is null");
    assertEquals(Optional.of("opt"), read("C", "0a070a036f70741014"), "Some(x) is Optional.of(x)");
  }

  @Test
  void addressesAndScopes() throws Exception {
    Address b = new Address("pekko", "SysB", "127.0.0.1", 25530);
    String addressData = "0a04537973421209" + hex("127.0.0.1".getBytes(StandardCharsets.US_ASCII)) + "18bac701220570656b6b6f";
    assertEquals(addressData, hex(serialization.serialize(b)), "AddressData: system, hostname, port, protocol");
    assertEquals(b, roundTrip(b));
    assertEquals("0a1c" + addressData, hex(serialization.serialize(new RemoteScope(b))), "as in the captured deploy");
    assertEquals(new RemoteScope(b), roundTrip(new RemoteScope(b)));
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serialization.serialize(new Address("pekko", "Local")));
    assertTrue(e.getMessage().contains("has no host and port"), e.getMessage());
    assertEquals(new Address("pekko", "S"), read("AD", "0a0153220570656b6b6f"), "no hostname: a local address");
    assertThrows(MalformedFrameException.class, () -> read("AD", "0a0153120168189c8004"), "port 65564");

    UniqueAddress u = new UniqueAddress(b, -6884423585422772145L);
    assertEquals(u, roundTrip(u));
    assertTrue(hex(serialization.serialize(u)).startsWith("0a1c0a0570656b6b6f120453797342"), "Address as in spec 3.1");
  }

  @Test
  void configIsItsConciseJsonRendering() throws Exception {
    assertEquals("{}", new String(serialization.serialize(ConfigFactory.empty()), StandardCharsets.UTF_8));
    Config c = ConfigFactory.parseString("a { b = 1, c = [x, \"y z\"] }, d = grüße");
    Config back = (Config) roundTrip(c);
    assertEquals(c.root(), back.root());
    assertEquals(ConfigFactory.empty().root(), ((Config) read("CF", "")).root(), "no bytes: the empty config");
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> misc.fromBinary("include file(\"/etc/passwd\")".getBytes(StandardCharsets.UTF_8), "CF"));
    assertTrue(e.getMessage().startsWith("Config: not a JSON object"), e.getMessage());
  }

  @Test
  void classicHeartbeatsAreReadAsArteryOnes() throws Exception {
    assertSame(ControlMessage.ArteryHeartbeat.INSTANCE, read("RWHB", ""));
    assertEquals(new ControlMessage.ArteryHeartbeatRsp(-2L), read("RWHR", "08feffffffffffffffff01"));
  }

  @Test
  void unknownManifestsAndForeignObjectsAreRefusedByName() {
    NotSerializableException e = assertThrows(NotSerializableException.class, () -> read("ZZ", ""));
    assertTrue(e.getMessage().contains("Unknown manifest [ZZ]"), e.getMessage());
    IllegalArgumentException i = assertThrows(IllegalArgumentException.class, () -> misc.toBinary(new StringBuilder()));
    assertTrue(i.getMessage().contains("java.lang.StringBuilder"), i.getMessage());
    NotSerializableException n = assertThrows(NotSerializableException.class,
        () -> read("A", "0a050a0178107b"), "Identify with an unknown nested serializer");
    assertTrue(n.getMessage().contains("[123]"), n.getMessage());
  }

  @Test
  void bufferPathWritesTheSameBytesIntoDirectBuffersAndReportsOverflow() throws Exception {
    Object[] samples = {new Identify("id"), new Status.Success(7L), Optional.of("x"), new Status.Failure(new IllegalStateException("boom")),
        new RemoteScope(new Address("pekko", "S", "h", 1)), ConfigFactory.parseString("a = 1")};
    for (Object o : samples) {
      byte[] expected = misc.toBinary(o);
      ByteBuffer direct = ByteBuffer.allocateDirect(512);
      direct.position(3);
      misc.toBinary(o, direct);
      assertEquals(3 + expected.length, direct.position(), "position after " + o);
      direct.flip().position(3);
      byte[] written = new byte[direct.remaining()];
      direct.duplicate().get(written);
      assertArrayEquals(expected, written, "bytes of " + o);
      assertEquals(roundTrip(o).toString(), misc.fromBinary(direct, misc.manifest(o)).toString(), "read back " + o);
      assertThrows(BufferOverflowException.class, () -> misc.toBinary(o, ByteBuffer.allocate(expected.length - 1)),
          "a buffer one byte short for " + o);
    }
  }
}

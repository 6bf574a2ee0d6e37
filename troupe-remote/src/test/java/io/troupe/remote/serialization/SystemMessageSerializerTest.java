package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorKilledException;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.dispatch.sysmsg.SystemMessage.Create;
import io.troupe.dispatch.sysmsg.SystemMessage.DeathWatchNotification;
import io.troupe.dispatch.sysmsg.SystemMessage.Failed;
import io.troupe.dispatch.sysmsg.SystemMessage.Recreate;
import io.troupe.dispatch.sysmsg.SystemMessage.Resume;
import io.troupe.dispatch.sysmsg.SystemMessage.Supervise;
import io.troupe.dispatch.sysmsg.SystemMessage.Suspend;
import io.troupe.dispatch.sysmsg.SystemMessage.Terminate;
import io.troupe.dispatch.sysmsg.SystemMessage.Unwatch;
import io.troupe.dispatch.sysmsg.SystemMessage.Watch;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.serialization.SerializationTestSupport.PathRef;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SystemMessageSerializer (id 22, no manifest): every type of spec section 5.4 round trips with local refs; causes
 * fall back to ThrowableNotSerializableException; FAILED sign-extends the uid; remote paths keep their wire string.
 */
class SystemMessageSerializerTest {
  private static ActorSystem system;
  private static Serialization serialization;
  private static Serializer serializer;
  private static ActorRef a;
  private static ActorRef b;

  public static final class Silent extends AbstractActor {
    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.localSystem("SystemMessageSerializerTest", "");
    serialization = SerializationExtension.get(system);
    serializer = serialization.serializerByIdentity().get(22);
    a = system.actorOf(Props.create(Silent.class), "a");
    b = system.actorOf(Props.create(Silent.class), "b");
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  /** What the association and the receiver do: toBinary(systemMessage), then deserialize(bytes, 22, ""). */
  private static Object roundTrip(SystemMessage m) throws Exception {
    byte[] bytes = Serialization.withTransportInformation((io.troupe.actor.ExtendedActorSystem) system,
        () -> serializer.toBinary(m));
    return serialization.deserialize(bytes, 22, "");
  }

  @Test
  void systemMessagesHaveId22AndNoManifest() {
    Serializer s = serialization.findSerializerFor(new Terminate());
    assertSame(serializer, s);
    assertEquals(22, s.identifier());
    assertFalse(s.includeManifest());
  }

  @Test
  void watchUnwatchSuperviseAndDeathWatchNotificationRoundTrip() throws Exception {
    assertEquals(new Watch(a, b), roundTrip(new Watch(a, b)));
    assertEquals(new Unwatch(b, a), roundTrip(new Unwatch(b, a)));
    assertEquals(new Supervise(a, true), roundTrip(new Supervise(a, true)));
    assertEquals(new Supervise(a, false), roundTrip(new Supervise(a, false)));
    for (boolean existence : new boolean[] {true, false}) {
      for (boolean terminated : new boolean[] {true, false}) {
        DeathWatchNotification d = new DeathWatchNotification(b, existence, terminated);
        assertEquals(d, roundTrip(d));
      }
    }
    assertInstanceOf(Terminate.class, roundTrip(new Terminate()));
    assertInstanceOf(Suspend.class, roundTrip(new Suspend()));
    assertEquals("0804", hex(serializer.toBinary(new Terminate())), "type only");
    assertEquals("0802", hex(serializer.toBinary(new Suspend())));
  }

  @Test
  void watchOfRemoteRefsCarriesTheirWirePaths() throws Exception {
    String watchee = "pekko://SysB@127.0.0.1:25530/user/victim#1420943919";
    String watcher = "pekko://SysA@127.0.0.1:25520/system/remote-watcher#243252890";
    byte[] bytes = serializer.toBinary(new Watch(new PathRef(watchee), new PathRef(watcher)));
    byte[] captured = SerializationTestSupport.capturedPayloads().stream().filter(c -> c.seq() == 55).findFirst()
        .orElseThrow().bytes();
    assertEquals(hex(captured), hex(bytes), "captured #55");
    assertEquals("0806" + "1277" + "0a35" + "0a33" + hex(watchee.getBytes(StandardCharsets.US_ASCII)) + "123e" + "0a3c"
        + hex(watcher.getBytes(StandardCharsets.US_ASCII)), hex(bytes), "type, WatchData{watchee, watcher}");
  }

  @Test
  void causesTravelAsPayloadsWithTheNotSerializableFallback() throws Exception {
    Recreate recreate = (Recreate) roundTrip(new Recreate(new IllegalStateException("deliberate failure")));
    ThrowableNotSerializableException e = assertInstanceOf(ThrowableNotSerializableException.class, recreate.cause());
    assertEquals("deliberate failure", e.originalMessage());
    assertEquals("java.lang.IllegalStateException", e.originalClassName());

    Resume resume = (Resume) roundTrip(new Resume(new ActorKilledException("bound")));
    assertEquals(ActorKilledException.class, resume.causedByFailure().getClass());
    assertEquals("bound", resume.causedByFailure().getMessage());
    Resume plain = (Resume) roundTrip(new Resume(null));
    assertNull(plain.causedByFailure(), "RESUME always has causeData; null is the null serializer's");
    assertEquals("0803" + "1a04" + "0a001000", hex(serializer.toBinary(new Resume(null))));

    assertEquals(new Create(null), roundTrip(new Create(null)));
    assertEquals("0800", hex(serializer.toBinary(new Create(null))), "CREATE without failure has no causeData");
    Create created = (Create) roundTrip(new Create(new ActorInitializationException(a, "boom", null)));
    assertSame(a, created.failure().getActor());
    assertEquals(new ActorInitializationException(a, "boom", null).getMessage(), created.failure().getMessage());
  }

  @Test
  void failedSignExtendsTheUidAndNamesTheChild() throws Exception {
    Failed positive = (Failed) roundTrip(new Failed(a, new IllegalStateException("x"), 2053707732));
    assertEquals(2053707732, positive.uid());
    assertSame(a, positive.child());
    assertInstanceOf(ThrowableNotSerializableException.class, positive.cause());

    byte[] bytes = serializer.toBinary(new Failed(a, new ActorKilledException("k"), -302849497));
    String h = hex(bytes);
    assertTrue(h.endsWith("10a7c4cbeffeffffffff01"), "uid -302849497 sign-extended to a 10-byte varint: " + h);
    Failed negative = (Failed) serialization.deserialize(bytes, 22, "");
    assertEquals(-302849497, negative.uid());
    assertEquals("k", negative.cause().getMessage());
  }

  @Test
  void messagesThatDoNotTravelAndBadBytesAreRefused() {
    IllegalArgumentException noMessage = assertThrows(IllegalArgumentException.class,
        () -> serializer.toBinary(new SystemMessage.NoMessage()));
    assertTrue(noMessage.getMessage().contains("NoMessage"), noMessage.getMessage());
    MalformedFrameException noType = assertThrows(MalformedFrameException.class,
        () -> serializer.fromBinary(new byte[0], Optional.empty()));
    assertTrue(noType.getMessage().contains("[type] is missing"), noType.getMessage());
    MalformedFrameException unknown = assertThrows(MalformedFrameException.class,
        () -> serializer.fromBinary(new byte[] {8, 12}, Optional.empty()));
    assertTrue(unknown.getMessage().contains("unknown type [12]"), unknown.getMessage());
    MalformedFrameException watchWithoutData = assertThrows(MalformedFrameException.class,
        () -> serializer.fromBinary(new byte[] {8, 6}, Optional.empty()));
    assertTrue(watchWithoutData.getMessage().contains("[watchData] is missing"), watchWithoutData.getMessage());
    MalformedFrameException failedWithoutCause = assertThrows(MalformedFrameException.class,
        () -> serializer.fromBinary(SerializationTestSupport.hex("0808320a0a060a04612f2f61102a"), Optional.empty()));
    assertTrue(failedWithoutCause.getMessage().contains("[causeData] is missing"), failedWithoutCause.getMessage());
    NotSerializableException notAThrowable = assertThrows(NotSerializableException.class,
        () -> serializer.fromBinary(SerializationTestSupport.hex("08011a050a01781014"), Optional.empty()));
    assertTrue(notAThrowable.getMessage().contains("expected an exception"), notAThrowable.getMessage());
  }

  @Test
  void everyTypeOfSpecSection54IsCovered() throws Exception {
    List<SystemMessage> all = List.of(new Create(null), new Recreate(new ActorKilledException("r")), new Suspend(),
        new Resume(null), new Terminate(), new Supervise(a, false), new Watch(a, b), new Unwatch(a, b),
        new Failed(a, new ActorKilledException("f"), 1), new DeathWatchNotification(a, true, false));
    for (int type = 0; type < all.size(); type++) {
      byte[] bytes = serializer.toBinary(all.get(type));
      assertEquals(String.format("08%02x", type), hex(bytes).substring(0, 4), "type of " + all.get(type));
      assertEquals(all.get(type).getClass(), serialization.deserialize(bytes, 22, "").getClass());
    }
  }
}

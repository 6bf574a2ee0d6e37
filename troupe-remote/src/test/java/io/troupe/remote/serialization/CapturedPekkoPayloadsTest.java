package io.troupe.remote.serialization;

import static io.troupe.remote.serialization.SerializationTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.Done;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.Identify;
import io.troupe.actor.Kill;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.Status;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.actor.internal.SelectionPathElement.SelectChildName;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.serialization.SerializationTestSupport.Captured;
import io.troupe.remote.serialization.SerializationTestSupport.OpaquePayload;
import io.troupe.routing.NoRouter;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wirecapture.Capture;

/**
 * Every captured Pekko payload of serializers 3, 6, 16 and 22 (spec/vectors/artery-tcp-frames.jsonl; the system
 * messages are cut out of their SystemMessageEnvelopes): decoded, checked against what the capture says it is, and
 * written again byte for byte. The system keeps foreign paths as they are ({@code PathKeepingProvider}) and reads
 * Pekko's cluster messages (id 5) as opaque bytes, so every payload can be rebuilt.
 */
class CapturedPekkoPayloadsTest {
  private static final String SYS_A = "pekko://SysA@127.0.0.1:25520";
  private static final String SYS_B = "pekko://SysB@127.0.0.1:25530";
  private static final String DEPLOYED = SYS_B + "/remote/pekko/SysA@127.0.0.1:25520/user/deployed#2053707732";
  private static final String REMOTE_WATCHER_A = SYS_A + "/system/remote-watcher#243252890";

  private static ActorSystem system;
  private static Serialization serialization;
  private static final List<Captured> ALL = SerializationTestSupport.capturedPayloads();

  @BeforeAll
  static void start() {
    system = SerializationTestSupport.goldenSystem("CapturedPekkoPayloadsTest");
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    SerializationTestSupport.terminate(system);
  }

  static Stream<Captured> payloads() {
    return ALL.stream();
  }

  private static Object decode(Captured c) throws Exception {
    return serialization.deserialize(c.bytes(), c.serializerId(), c.manifest());
  }

  private static Object decode(long seq) throws Exception {
    for (Captured c : ALL) if (c.seq() == seq) return decode(c);
    throw new AssertionError("no captured payload #" + seq + " of serializers 3, 6, 16, 22");
  }

  private static String path(ActorRef ref) {
    return ref.path().toSerializationFormat();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void shouldDecodeAndWriteTheSameBytes(Captured c) throws Exception {
    Object o = decode(c);
    Serializer s = serialization.findSerializerFor(o);
    assertEquals(c.serializerId(), s.identifier(), c + ": serializer of the decoded " + o);
    assertEquals(c.manifest(), Serializers.manifestFor(s, o), c + ": manifest of the decoded " + o);
    assertEquals(hex(c.bytes()), hex(serialization.serialize(o)), c + ": bytes written for the decoded " + o);
  }

  @Test
  void shouldCoverEveryKindOfCapturedPayload() {
    Map<String, Integer> kinds = new TreeMap<>();
    for (Captured c : ALL) kinds.merge(c.serializerId() + "/" + c.manifest(), 1, Integer::sum);
    assertEquals("{16/B=8, 16/D=2, 16/DONE=2, 16/E=2, 16/G=2, 16/H=2, 16/K=1, 16/P=2, 22/=15, 3/=1, 6/=24}",
        kinds.toString(), "captured payloads by serializer/manifest (the vectors changed?)");
  }

  @Test
  void selectionsNameTheirPathAndEncloseTheMessage() throws Exception {
    ActorSelectionMessage echo = (ActorSelectionMessage) decode(19);
    assertEquals(List.of(new SelectChildName("user"), new SelectChildName("echo")), echo.elements());
    assertEquals(new Identify("id-echo"), echo.message());
    assertEquals(false, echo.wildcardFanOut());

    ActorSelectionMessage resolveOne = (ActorSelectionMessage) decode(21);
    assertEquals(new Identify(null), resolveOne.message(), "resolveOne's Identify(None)");

    ActorSelectionMessage toProbe = (ActorSelectionMessage) decode(158);
    assertEquals("from-b-after-quarantine", toProbe.message());
    assertEquals(List.of(new SelectChildName("user"), new SelectChildName("probe")), toProbe.elements());

    for (Captured c : ALL) {
      if (c.serializerId() != 6 || !c.label().contains(" of ser5/")) continue;
      ActorSelectionMessage sel = (ActorSelectionMessage) decode(c);
      OpaquePayload p = assertInstanceOf(OpaquePayload.class, sel.message(), c.toString());
      assertEquals(c.label().substring(c.label().indexOf("ser5/") + 5), p.manifest(), c + ": enclosed manifest");
      String selPath = c.label().substring("ActorSelection(".length(), c.label().indexOf(')'));
      assertEquals(selPath, "/" + String.join("/", names(sel.elements())), c + ": selection path");
    }
  }

  private static List<String> names(List<SelectionPathElement> elements) {
    List<String> out = new ArrayList<>();
    for (SelectionPathElement e : elements) out.add(((SelectChildName) e).name());
    return out;
  }

  @Test
  void heartbeatIsAnEmptyArteryHeartbeatUnderSystemRemoteWatcher() throws Exception {
    int seen = 0;
    for (Captured c : ALL) {
      if (!c.label().contains("ArteryHeartbeat")) continue;
      seen++;
      ActorSelectionMessage sel = (ActorSelectionMessage) decode(c);
      assertSame(ControlMessage.ArteryHeartbeat.INSTANCE, sel.message(), c.toString());
      assertEquals(List.of(new SelectChildName("system"), new SelectChildName("remote-watcher")), sel.elements());
      assertEquals("0a0010111a0a0801120673797374656d1a120801120e72656d6f74652d7761746368657222016d2800", hex(c.bytes()),
          c + ": the bytes of spec section 6");
    }
    assertEquals(3, seen, "captured heartbeats");
  }

  @Test
  void identitiesCarryTheCorrelationIdAndTheFullPathWithUid() throws Exception {
    ActorIdentity echo = (ActorIdentity) decode(20);
    assertEquals("id-echo", echo.correlationId());
    assertEquals(SYS_B + "/user/echo#121359565", path(echo.getActorRef().orElseThrow()));
    ActorIdentity victim = (ActorIdentity) decode(22);
    assertEquals(null, victim.correlationId(), "resolveOne's None");
    assertEquals(SYS_B + "/user/victim#1420943919", path(victim.getActorRef().orElseThrow()));
    ActorIdentity large = (ActorIdentity) decode(28);
    assertEquals(SYS_B + "/user/large#-302849497", path(large.getActorRef().orElseThrow()), "negative uid");
  }

  @Test
  void miscMessagesAreTheValuesPekkoSent() throws Exception {
    assertEquals(new Status.Success("ok"), decode(37));
    Status.Failure failure = (Status.Failure) decode(38);
    ThrowableNotSerializableException e = assertInstanceOf(ThrowableNotSerializableException.class, failure.cause());
    assertEquals("Serialization of [java.lang.IllegalStateException] failed. boom", e.getMessage());
    assertEquals("boom", e.originalMessage());
    assertEquals("java.lang.IllegalStateException", e.originalClassName());
    assertEquals(SYS_A + "/user/probe#1329560230", path((ActorRef) decode(39)));
    assertSame(Done.getInstance(), decode(40));
    assertEquals(Optional.of("opt"), decode(41));
    assertSame(Kill.getInstance(), decode(115));
    assertSame(PoisonPill.getInstance(), decode(116));
  }

  @Test
  void systemMessagesNameTheirActors() throws Exception {
    for (Captured c : ALL) {
      if (c.serializerId() != 22) continue;
      Object m = decode(c);
      if (m instanceof SystemMessage.Watch) {
        SystemMessage.Watch w = (SystemMessage.Watch) m;
        assertEquals(c.recipient(), path(w.watchee()), c + ": the watchee is the frame's recipient");
        assertTrue(path(w.watcher()).contains("/system/remote-watcher#"), c + ": the watcher is the remote watcher");
      } else if (m instanceof SystemMessage.DeathWatchNotification) {
        SystemMessage.DeathWatchNotification d = (SystemMessage.DeathWatchNotification) m;
        assertEquals(true, d.existenceConfirmed(), c.toString());
        assertEquals(false, d.addressTerminated(), c.toString());
      }
    }
    SystemMessage.Watch first = (SystemMessage.Watch) decode(55);
    assertEquals(SYS_B + "/user/victim#1420943919", path(first.watchee()));
    assertEquals(REMOTE_WATCHER_A, path(first.watcher()));

    SystemMessage.Supervise supervise = (SystemMessage.Supervise) decode(95);
    assertEquals(DEPLOYED, path(supervise.child()));
    assertEquals(false, supervise.async());

    SystemMessage.Failed failed = (SystemMessage.Failed) decode(103);
    assertEquals(DEPLOYED, path(failed.child()));
    assertEquals(2053707732, failed.uid());
    ThrowableNotSerializableException cause = assertInstanceOf(ThrowableNotSerializableException.class, failed.cause());
    assertEquals("deliberate failure", cause.originalMessage());
    assertEquals("java.lang.IllegalStateException", cause.originalClassName());

    SystemMessage.Recreate recreate = (SystemMessage.Recreate) decode(105);
    assertEquals("deliberate failure", ((ThrowableNotSerializableException) recreate.cause()).originalMessage());
    assertInstanceOf(SystemMessage.Terminate.class, decode(109));

    SystemMessage.DeathWatchNotification toParent = (SystemMessage.DeathWatchNotification) decode(111);
    assertEquals(DEPLOYED, path(toParent.actor()));
    SystemMessage.DeathWatchNotification victim = (SystemMessage.DeathWatchNotification) decode(117);
    assertEquals(SYS_B + "/user/victim#1420943919", path(victim.actor()));
  }

  @Test
  void daemonMsgCreateRebuildsPropsAndDeploy() throws Exception {
    DaemonMsgCreate m = (DaemonMsgCreate) decode(91);
    assertEquals(DEPLOYED, m.path());
    assertEquals(SYS_A + "/user", path(m.supervisor()));
    assertSame(Capture.Fragile.class, m.props().actorClass());
    assertEquals(List.of(), m.props().args());
    RemoteScope scope = new RemoteScope(new Address("pekko", "SysB", "127.0.0.1", 25530));
    for (Deploy d : new Deploy[] {m.deploy(), m.props().deploy()}) {
      assertEquals(scope, d.scope());
      assertEquals("", d.path());
      assertEquals("", d.dispatcher());
      assertSame(NoRouter.getInstance(), d.routerConfig());
      assertEquals(ConfigFactory.empty().root(), d.config().root());
    }
  }
}

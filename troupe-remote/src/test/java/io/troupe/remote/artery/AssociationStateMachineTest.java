package io.troupe.remote.artery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.Done;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.AssociationErrorEvent;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemotingCounters;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.ThisActorSystemQuarantinedEvent;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessage.CompressionAdvertisement;
import io.troupe.remote.codec.ControlMessage.CompressionAdvertisementAck;
import io.troupe.remote.codec.ControlMessage.HandshakeReq;
import io.troupe.remote.codec.ControlMessage.HandshakeRsp;
import io.troupe.remote.codec.ControlMessage.Quarantined;
import io.troupe.remote.codec.ControlMessage.SystemMessageDeliveryAck;
import io.troupe.remote.codec.ControlMessage.SystemMessageEnvelope;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.transport.InMemoryNetwork;
import io.troupe.remote.transport.WireFrame;
import io.troupe.serialization.SerializationExtension;
import io.troupe.testkit.Await;
import io.troupe.testkit.ManualScheduledExecutor;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The association's handshake, gate, quarantine, system-message delivery and compression tables, driven step by step
 * on a manual clock:
 * two real actor systems whose remoting runs on an {@link InMemoryNetwork}, so every remoting timer fires only when the
 * test advances the clock, and every frame is on record. Actors still run on their dispatchers; what they receive is
 * awaited with a deadline, everything else is checked right after the clock moved.
 */
class AssociationStateMachineTest {
  private static final String A = "node-a:2552";
  private static final String B = "node-b:2552";
  private static final Duration MS = Duration.ofMillis(1);

  /** Small timings keep the arithmetic readable; each test states what it relies on. */
  private static final String TIMINGS = ""
      + "troupe.remote.log-remote-lifecycle-events = off\n"
      + "troupe.remote.retry-gate-closed-for = 3s\n"
      + "troupe.remote.artery.advanced.handshake-timeout = 5s\n"
      + "troupe.remote.artery.advanced.handshake-retry-interval = 1s\n"
      + "troupe.remote.artery.advanced.inject-handshake-interval = 1s\n"
      + "troupe.remote.artery.advanced.system-message-resend-interval = 1s\n"
      + "troupe.remote.artery.advanced.give-up-system-message-after = 5s\n"
      + "troupe.remote.artery.advanced.shutdown-flush-timeout = 200ms\n"
      + RecordingSystemMessageSerializer.CONFIG;

  /** A negative origin, as System.nanoTime() may have: remoting must compare times by subtraction only. */
  private final ManualScheduledExecutor clock = new ManualScheduledExecutor(-Duration.ofDays(1).toNanos());
  private final InMemoryNetwork net = new InMemoryNetwork(clock);
  private final List<ActorSystem> systems = new ArrayList<>();

  private ActorSystem node(String name, String hostPort, String extra) {
    String[] hp = hostPort.split(":");
    ActorSystem s = ActorSystem.create(name, ConfigFactory.parseString(extra + "\n" + TIMINGS)
        .withFallback(net.nodeConfig(hp[0], Integer.parseInt(hp[1]))));
    systems.add(s);
    return s;
  }

  private ActorSystem node(String name, String hostPort) {
    return node(name, hostPort, "");
  }

  /**
   * Remoting is stopped while another thread keeps running the executor (without moving the clock), as a real I/O
   * thread would: system shutdown waits for tasks on it.
   */
  @AfterEach
  void tearDown() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Throwable> failures = new ArrayList<>();
    Thread pump = new Thread(() -> {
      while (!stop.get()) {
        try {
          clock.runPending();
        } catch (RuntimeException e) {
          failures.add(e);
        }
        LockSupport.parkNanos(1_000_000L);
      }
    }, "manual-clock-teardown");
    pump.start();
    try {
      for (ActorSystem s : systems) TestKit.shutdownActorSystem(s);
    } finally {
      stop.set(true);
      pump.join(10_000);
      clock.shutdownNow();
      net.close();
    }
    if (!failures.isEmpty()) throw new AssertionError("remoting tasks failed during shutdown: " + failures, failures.get(0));
  }

  // ------------------------------------------------------------------ helpers

  private static RemoteActorRefProvider provider(ActorSystem s) {
    return (RemoteActorRefProvider) ((ExtendedActorSystem) s).provider();
  }

  private static ArteryRemoting remoting(ActorSystem s) {
    return provider(s).remoting();
  }

  private static UniqueAddress unique(ActorSystem s) {
    return provider(s).localUniqueAddress();
  }

  private static Address address(ActorSystem s) {
    return unique(s).address();
  }

  private static Association association(ActorSystem from, ActorSystem to) {
    return remoting(from).association(address(to));
  }

  /** The ref through which {@code from} reaches {@code there}, an actor of another system. */
  private static InternalActorRef remote(ActorSystem from, ActorRef there) {
    return (InternalActorRef) provider(from).resolveActorRef(there.path().toSerializationFormat());
  }

  private static long count(ActorSystem s, Counter c) {
    return RemotingCounters.get(s).get(c);
  }

  private static RecordingSystemMessageSerializer recorder(ActorSystem s) {
    return (RecordingSystemMessageSerializer) SerializationExtension.get(s).serializerByIdentity().get(22);
  }

  /** Runs due remoting tasks (the clock stands still) until an effect on the actors' threads shows. */
  private void runUntil(String what, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(10), () -> {
      clock.runPending();
      return condition.getAsBoolean();
    });
  }

  private long millisSinceStart(long nanoTime) {
    return Duration.ofNanos(nanoTime - (clock.nanoTime() - clock.elapsed().toNanos())).toMillis();
  }

  private int handshakeReqs(String from, String to) {
    return net.sent(from, to, FrameDescriptor.CONTROL_STREAM_ID, HandshakeReq.class).size();
  }

  private List<Long> envelopeSeqNos(String from, String to) {
    return net.sent(from, to, SystemMessageEnvelope.class).stream().map(SystemMessageEnvelope::seqNo).collect(Collectors.toList());
  }

  private List<String> acks(String from, String to) {
    return net.sent(from, to, SystemMessageDeliveryAck.class).stream().map(x -> (x.nack() ? "nack " : "ack ") + x.seqNo())
        .collect(Collectors.toList());
  }

  /** Names of the watchers in the Watch messages {@code s} received, in delivery order. */
  private static List<String> watchersDelivered(ActorSystem s) {
    return recorder(s).deserialized().stream().filter(m -> m instanceof SystemMessage.Watch)
        .map(m -> ((SystemMessage.Watch) m).watcher().path().name()).collect(Collectors.toList());
  }

  /** A sends a message to {@code to}'s probe: the handshake completes both ways at once. */
  private void associate(ActorSystem a, ActorSystem b, TestKit probeB) {
    remote(a, probeB.getRef()).tell("hello", ActorRef.noSender());
    clock.runPending();
    assertEquals(Association.State.ACTIVE, association(a, b).state());
    assertEquals(Association.State.ACTIVE, association(b, a).state());
    probeB.expectMsg(Duration.ofSeconds(10), "hello");
    net.clearFrames();
  }

  /**
   * Sends Watch(target, watcher) from {@code from} to {@code target} on another system, straight through the
   * association (a remote ref would hand a local watcher's watch to the remote watcher, which coalesces watches).
   */
  private static void watch(ActorSystem from, ActorRef target, ActorRef watcher) {
    io.troupe.remote.RemoteActorRef t = (io.troupe.remote.RemoteActorRef) remote(from, target);
    t.association().sendSystemMessage(new SystemMessage.Watch(t, watcher), t);
  }

  public static final class Idle extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().build();
    }
  }

  // ------------------------------------------------------------------ handshake

  @Test
  void shouldRetryTheHandshakeEveryRetryIntervalUntilAnswered() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    InMemoryNetwork.Fault silence = net.blackhole(A, B);

    remote(a, probeB.getRef()).tell("queued", ActorRef.noSender());
    clock.runPending();
    assertEquals(1, handshakeReqs(A, B), "the first HandshakeReq opens the control connection");
    clock.advance(Duration.ofSeconds(1).minus(MS));
    assertEquals(1, handshakeReqs(A, B), "no retry before handshake-retry-interval");
    clock.advance(MS);
    assertEquals(2, handshakeReqs(A, B));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(4, handshakeReqs(A, B));
    assertEquals(List.of(0L, 1000L, 2000L, 3000L), net.frames(A, B).stream()
        .filter(f -> f.streamId() == FrameDescriptor.CONTROL_STREAM_ID && f.is(HandshakeReq.class))
        .map(f -> millisSinceStart(f.atNanos())).collect(Collectors.toList()));
    assertEquals(Association.State.IDLE, association(a, b).state());
    assertEquals(null, association(a, b).peer());

    silence.heal();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(5, handshakeReqs(A, B));
    assertEquals(Association.State.ACTIVE, association(a, b).state(), "the retry at 4 s was answered");
    assertEquals(unique(b), association(a, b).peer());
    assertFalse(net.sent(B, A, HandshakeRsp.class).isEmpty());
    probeB.expectMsg(Duration.ofSeconds(10), "queued");

    clock.advance(Duration.ofSeconds(5));
    assertEquals(5, handshakeReqs(A, B), "no retries once the handshake completed (and no traffic to inject one)");
  }

  /** B hears nothing from A; A's handshake runs out at 5 s. */
  private void handshakeTimesOut(ActorSystem a, ActorSystem b, TestKit probeB) {
    remote(a, probeB.getRef()).tell("m1", ActorRef.noSender());
    remote(a, probeB.getRef()).tell("m2", ActorRef.noSender());
    remote(a, probeB.getRef()).tell("m3", ActorRef.noSender());
    clock.runPending();
    clock.advance(Duration.ofSeconds(5).minus(MS));
    assertEquals(Association.State.IDLE, association(a, b).state(), "not failed 1 ms before handshake-timeout");
    assertEquals(0, count(a, Counter.DROPPED_HANDSHAKE_TIMEOUT));
    clock.advance(MS);
  }

  @Test
  void shouldFailTheHandshakeAtHandshakeTimeoutDroppingQueuedMessagesAndGating() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    TestKit events = new TestKit(a);
    a.eventStream().subscribe(events.getRef(), AssociationErrorEvent.class);
    net.blackhole(A, B);

    handshakeTimesOut(a, b, probeB);
    assertEquals(Duration.ofSeconds(5), clock.elapsed());
    assertEquals(3, count(a, Counter.DROPPED_HANDSHAKE_TIMEOUT), "the queued messages are dropped and counted");
    assertEquals(Association.State.GATED, association(a, b).state());
    AssociationErrorEvent e = events.expectMsgClass(Duration.ofSeconds(10), AssociationErrorEvent.class);
    assertTrue(e.getCause() instanceof Association.HandshakeTimeoutException, e.getCause().toString());
    assertEquals(0, net.openConnections(A, B), "the gate closes the connections");

    int reqs = handshakeReqs(A, B);
    clock.advance(Duration.ofSeconds(2));
    assertEquals(reqs, handshakeReqs(A, B), "no more retries after the timeout");
    assertEquals(0, count(b, Counter.MESSAGES_RECEIVED));
  }

  @Test
  void shouldDropMessagesAsGatedForRetryGateClosedForThenHandshakeAfresh() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    InMemoryNetwork.Fault silence = net.blackhole(A, B);
    handshakeTimesOut(a, b, probeB);
    int reqs = handshakeReqs(A, B);

    clock.advance(Duration.ofSeconds(3).minus(MS));
    remote(a, probeB.getRef()).tell("during-gate", ActorRef.noSender());
    clock.runPending();
    assertEquals(1, count(a, Counter.DROPPED_GATED), "a message 1 ms before the gate opens is dropped as gated");
    assertEquals(Association.State.GATED, association(a, b).state());
    assertEquals(reqs, handshakeReqs(A, B), "no connection attempt while gated");

    clock.advance(MS);
    assertEquals(Association.State.IDLE, association(a, b).state(), "the gate opens after retry-gate-closed-for");
    silence.heal();
    remote(a, probeB.getRef()).tell("after-gate", ActorRef.noSender());
    clock.runPending();
    assertEquals(reqs + 1, handshakeReqs(A, B), "the next message starts a new handshake");
    assertEquals(Association.State.ACTIVE, association(a, b).state());
    probeB.expectMsg(Duration.ofSeconds(10), "after-gate");
    assertEquals(1, count(a, Counter.DROPPED_GATED));
  }

  @Test
  void shouldReopenTheGateWhenThePeerHandshakesWithUs() {
    ActorSystem a = node("A", A, "troupe.remote.retry-gate-closed-for = 60s");
    ActorSystem b = node("B", B);
    TestKit probeA = new TestKit(a);
    TestKit probeB = new TestKit(b);
    net.refuseConnections(B);

    remote(a, probeB.getRef()).tell("too-early", ActorRef.noSender());
    clock.runPending();
    assertEquals(Association.State.GATED, association(a, b).state(), "a refused connection gates");
    assertEquals(1, count(a, Counter.DROPPED_GATED));

    net.acceptConnections(B);
    remote(b, probeA.getRef()).tell("from-b", ActorRef.noSender());
    clock.runPending();
    assertEquals(Association.State.ACTIVE, association(a, b).state(), "B's HandshakeReq reopened A's gate");
    assertEquals(Duration.ZERO, clock.elapsed(), "without waiting for retry-gate-closed-for");
    probeA.expectMsg(Duration.ofSeconds(10), "from-b");

    remote(a, probeB.getRef()).tell("now", ActorRef.noSender());
    clock.runPending();
    probeB.expectMsg(Duration.ofSeconds(10), "now");
    assertEquals(1, count(a, Counter.DROPPED_GATED));
  }

  @Test
  void shouldInjectAHandshakeReqInFrontOfTrafficAfterMoreThanTheInjectIntervalIdle() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    associate(a, b, probeB);
    ActorRef toB = remote(a, probeB.getRef());

    clock.advance(Duration.ofSeconds(1));
    toB.tell("idle-exactly-1s", ActorRef.noSender());
    clock.runPending();
    clock.advance(MS);
    toB.tell("idle-1s-1ms", ActorRef.noSender());
    clock.runPending();
    toB.tell("right-after", ActorRef.noSender());
    clock.runPending();

    List<String> ordinary = net.frames(A, B).stream().filter(f -> f.streamId() == FrameDescriptor.ORDINARY_STREAM_ID)
        .map(f -> f.is(HandshakeReq.class) ? "HandshakeReq" : f.text()).collect(Collectors.toList());
    assertEquals(List.of("idle-exactly-1s", "HandshakeReq", "idle-1s-1ms", "right-after"), ordinary);
    probeB.expectMsg(Duration.ofSeconds(10), "idle-exactly-1s");
    probeB.expectMsg(Duration.ofSeconds(10), "idle-1s-1ms");
    probeB.expectMsg(Duration.ofSeconds(10), "right-after");
  }

  // ------------------------------------------------------------------ system messages

  @Test
  void shouldNumberSystemMessagesFromOneAndStopSendingThemOnceAcked() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    ActorRef target = b.actorOf(Props.create(Idle.class), "target");
    associate(a, b, probeB);

    ActorRef w1 = a.actorOf(Props.create(Idle.class), "w1");
    ActorRef w2 = a.actorOf(Props.create(Idle.class), "w2");
    ActorRef w3 = a.actorOf(Props.create(Idle.class), "w3");
    watch(a, target, w1);
    watch(a, target, w2);
    watch(a, target, w3);
    clock.runPending();

    assertEquals(List.of(1L, 2L, 3L), envelopeSeqNos(A, B));
    for (SystemMessageEnvelope e : net.sent(A, B, SystemMessageEnvelope.class)) {
      assertEquals(unique(a), e.ackReplyTo());
      assertEquals(22, e.serializerId());
    }
    assertEquals(List.of("ack 1", "ack 2", "ack 3"), acks(B, A));
    assertEquals(List.of("w1", "w2", "w3"), watchersDelivered(b));

    clock.advance(Duration.ofSeconds(3));
    assertEquals(List.of(1L, 2L, 3L), envelopeSeqNos(A, B), "acknowledged messages are not resent");
    assertEquals(0, count(a, Counter.SYSTEM_MESSAGES_RESENT));
  }

  @Test
  void shouldResendEveryResendIntervalUntilAckedAndDeliverDuplicatesOnlyOnce() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    ActorRef target = b.actorOf(Props.create(Idle.class), "target");
    associate(a, b, probeB);
    InMemoryNetwork.Fault lostAcks = net.dropFrames(B, A, f -> f.is(SystemMessageDeliveryAck.class));

    watch(a, target, a.actorOf(Props.create(Idle.class), "w1"));
    clock.runPending();
    clock.advance(Duration.ofSeconds(1).minus(MS));
    assertEquals(List.of(1L), envelopeSeqNos(A, B), "no resend before system-message-resend-interval");
    clock.advance(MS);
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(1L, 1L, 1L), envelopeSeqNos(A, B), "resent with the same seqNo every interval");
    assertEquals(List.of(0L, 1000L, 2000L), net.frames(A, B).stream().filter(f -> f.is(SystemMessageEnvelope.class))
        .map(f -> millisSinceStart(f.atNanos())).collect(Collectors.toList()));
    assertEquals(2, count(a, Counter.SYSTEM_MESSAGES_RESENT));
    assertEquals(List.of("ack 1", "ack 1", "ack 1"), acks(B, A), "B acknowledges every copy (all lost)");
    assertEquals(List.of("w1"), watchersDelivered(b), "duplicates are not delivered again");

    lostAcks.heal();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(4, envelopeSeqNos(A, B).size());
    clock.advance(Duration.ofSeconds(5));
    assertEquals(4, envelopeSeqNos(A, B).size(), "the ack removed it: no more resends");
    assertEquals(List.of("w1"), watchersDelivered(b));
  }

  @Test
  void shouldNackAGapAndDeliverInOrderAfterTheResend() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    ActorRef target = b.actorOf(Props.create(Idle.class), "target");
    associate(a, b, probeB);
    AtomicBoolean first = new AtomicBoolean(true);
    net.dropFrames(A, B, f -> f.is(SystemMessageEnvelope.class) && f.as(SystemMessageEnvelope.class).seqNo() == 1
        && first.getAndSet(false));

    watch(a, target, a.actorOf(Props.create(Idle.class), "w1"));
    watch(a, target, a.actorOf(Props.create(Idle.class), "w2"));
    clock.runPending();
    assertEquals(List.of("nack 0"), acks(B, A), "seqNo 2 without 1: B nacks what it has (nothing)");
    assertEquals(List.of(), watchersDelivered(b), "nothing is delivered out of order");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(1L, 2L, 1L, 2L), envelopeSeqNos(A, B));
    assertEquals(List.of("nack 0", "ack 1", "ack 2"), acks(B, A));
    assertEquals(List.of("w1", "w2"), watchersDelivered(b));
    clock.advance(Duration.ofSeconds(3));
    assertEquals(4, envelopeSeqNos(A, B).size());
  }

  @Test
  void shouldQuarantineWhenNothingIsAcknowledgedForGiveUpSystemMessageAfter() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    TestKit quarantinedOnB = new TestKit(b);
    b.eventStream().subscribe(quarantinedOnB.getRef(), ThisActorSystemQuarantinedEvent.class);
    TestKit quarantinedOnA = new TestKit(a);
    a.eventStream().subscribe(quarantinedOnA.getRef(), QuarantinedEvent.class);
    ActorRef target = b.actorOf(Props.create(Idle.class), "target");
    associate(a, b, probeB);
    net.dropFrames(B, A, f -> f.is(SystemMessageDeliveryAck.class));

    watch(a, target, a.actorOf(Props.create(Idle.class), "w1"));
    clock.runPending();
    clock.advance(Duration.ofSeconds(5));
    assertFalse(remoting(a).isQuarantined(unique(b).uid()), "give-up-system-message-after (5 s) has not passed yet");
    clock.advance(Duration.ofSeconds(1).minus(MS));
    assertFalse(remoting(a).isQuarantined(unique(b).uid()), "checked on resend ticks only");
    clock.advance(MS);
    assertTrue(remoting(a).isQuarantined(unique(b).uid()), "the first resend tick after give-up quarantines");
    assertEquals(1, count(a, Counter.QUARANTINES));

    QuarantinedEvent q = quarantinedOnA.expectMsgClass(Duration.ofSeconds(10), QuarantinedEvent.class);
    assertEquals(unique(b), q.uniqueAddress());
    List<Quarantined> told = net.sent(A, B, Quarantined.class);
    assertEquals(1, told.size());
    assertEquals(unique(b), told.get(0).to());
    assertEquals(address(a), quarantinedOnB.expectMsgClass(Duration.ofSeconds(10), ThisActorSystemQuarantinedEvent.class).remoteAddress());

    int sent = envelopeSeqNos(A, B).size();
    clock.advance(Duration.ofSeconds(3));
    assertEquals(sent, envelopeSeqNos(A, B).size(), "nothing more is resent to a quarantined peer");
  }

  @Test
  void shouldQuarantineWhenTheSystemMessageBufferOverflows() {
    ActorSystem a = node("A", A, "troupe.remote.artery.advanced.system-message-buffer-size = 3");
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    TestKit quarantinedOnA = new TestKit(a);
    a.eventStream().subscribe(quarantinedOnA.getRef(), QuarantinedEvent.class);
    ActorRef target = b.actorOf(Props.create(Idle.class), "target");
    associate(a, b, probeB);
    net.dropFrames(B, A, f -> f.is(SystemMessageDeliveryAck.class));

    for (int i = 1; i <= 3; i++) watch(a, target, a.actorOf(Props.create(Idle.class), "w" + i));
    clock.runPending();
    assertFalse(remoting(a).isQuarantined(unique(b).uid()), "three unacknowledged messages fit");
    watch(a, target, a.actorOf(Props.create(Idle.class), "w4"));
    clock.runPending();
    assertTrue(remoting(a).isQuarantined(unique(b).uid()), "the fourth overflows system-message-buffer-size = 3");
    assertEquals(List.of(1L, 2L, 3L), envelopeSeqNos(A, B), "the overflowing message is not sent");
    QuarantinedEvent q = quarantinedOnA.expectMsgClass(Duration.ofSeconds(10), QuarantinedEvent.class);
    assertTrue(q.reason().contains("buffer overflow"), q.reason());
  }

  @Test
  void shouldResendUnacknowledgedSystemMessagesAfterReconnectingToTheSamePeer() {
    ActorSystem a = node("A", A);
    ActorSystem b = node("B", B);
    TestKit probeB = new TestKit(b);
    ActorRef target = b.actorOf(Props.create(Idle.class), "target");
    associate(a, b, probeB);

    watch(a, target, a.actorOf(Props.create(Idle.class), "w1"));
    net.breakConnections(A, B); // before the envelope leaves: it is lost with the connection
    clock.runPending();
    assertEquals(Association.State.GATED, association(a, b).state());
    assertEquals(List.of(), watchersDelivered(b));

    clock.advance(Duration.ofSeconds(3));
    assertEquals(Association.State.ACTIVE, association(a, b).state(), "pending system messages reconnect after the gate");
    assertEquals(unique(b), association(a, b).peer());
    assertEquals(List.of("w1"), watchersDelivered(b));
    assertEquals(1L, envelopeSeqNos(A, B).get(envelopeSeqNos(A, B).size() - 1), "same incarnation: same seqNo");
    assertFalse(remoting(a).isQuarantined(unique(b).uid()));
  }

  @Test
  void shouldRestartNumberingAtOneAndQuarantineTheOldUidWhenThePeerRestarts() {
    ActorSystem a = node("A", A);
    ActorSystem b1 = node("B", B);
    TestKit probeA = new TestKit(a);
    TestKit quarantinedOnA = new TestKit(a);
    a.eventStream().subscribe(quarantinedOnA.getRef(), QuarantinedEvent.class);
    ActorRef target1 = b1.actorOf(Props.create(Idle.class), "target");
    associate(a, b1, new TestKit(b1));
    UniqueAddress old = unique(b1);

    watch(a, target1, a.actorOf(Props.create(Idle.class), "w1"));
    clock.runPending();
    assertEquals(List.of(1L), envelopeSeqNos(A, B));
    assertEquals(List.of("ack 1"), acks(B, A));
    watch(a, target1, a.actorOf(Props.create(Idle.class), "w2")); // seqNo 2, never to leave A
    net.crash(B);
    clock.runPending();
    assertEquals(List.of(1L), envelopeSeqNos(A, B));

    net.clearFrames();
    ActorSystem b2 = node("B", B);
    UniqueAddress fresh = unique(b2);
    assertNotEquals(old.uid(), fresh.uid());
    ActorRef target2 = b2.actorOf(Props.create(Idle.class), "target");
    remote(b2, probeA.getRef()).tell("restarted", ActorRef.noSender());
    clock.runPending();
    probeA.expectMsg(Duration.ofSeconds(10), "restarted");
    assertEquals(fresh, association(a, b2).peer());
    assertTrue(remoting(a).isQuarantined(old.uid()), "the old incarnation is quarantined");
    assertFalse(remoting(a).isQuarantined(fresh.uid()));
    assertEquals(old, quarantinedOnA.expectMsgClass(Duration.ofSeconds(10), QuarantinedEvent.class).uniqueAddress());

    watch(a, target2, a.actorOf(Props.create(Idle.class), "w3"));
    clock.runPending();
    assertEquals(List.of(1L), envelopeSeqNos(A, B), "numbering restarts at 1; nothing of the old incarnation is sent");
    assertEquals(List.of("ack 1"), acks(B, A));
    assertEquals(List.of("w3"), watchersDelivered(b2));
  }

  @Test
  void shouldCarryRemoteDeathWatchBothWays() {
    // the remote watcher's heartbeats run on the actor scheduler (wall clock); keep them out of this test
    String noHeartbeats = "troupe.remote.watch-failure-detector.heartbeat-interval = 1 h\n"
        + "troupe.remote.watch-failure-detector.expected-response-after = 1 h\n";
    ActorSystem a = node("A", A, noHeartbeats);
    ActorSystem b = node("B", B, noHeartbeats);
    TestKit probeA = new TestKit(a);
    TestKit probeB = new TestKit(b);
    ActorRef target = b.actorOf(Props.create(Idle.class), "target");
    associate(a, b, probeB);
    ActorRef targetFromA = remote(a, target);

    probeA.watch(targetFromA);
    runUntil("B received the Watch", () -> !watchersDelivered(b).isEmpty());
    // as in Pekko, the watcher on the wire is A's remote watcher, which watches for the probe
    assertEquals(List.of("remote-watcher"), watchersDelivered(b));

    b.stop(target);
    runUntil("A's watcher got the DeathWatchNotification", probeA::msgAvailable);
    probeA.expectTerminated(Duration.ofSeconds(1), targetFromA);
    assertEquals(List.of(1L), envelopeSeqNos(A, B));
    assertEquals(List.of(1L), envelopeSeqNos(B, A), "B numbers its own system messages to A from 1");
    assertEquals(Duration.ZERO, clock.elapsed());
  }

  // ------------------------------------------------------------------ compression (spec 8)

  private static final String COMPRESSION = ""
      + "troupe.remote.artery.advanced.compression.actor-refs.advertisement-interval = 1s\n"
      + "troupe.remote.artery.advanced.compression.manifests.advertisement-interval = 1s\n";

  /** The path of {@code ref}, an actor of {@code s}, as it travels on the wire. */
  private static String wire(ActorSystem s, ActorRef ref) {
    return ref.path().toSerializationFormatWithAddress(address(s));
  }

  /** {@code sender}, an actor of {@code from}, tells {@code msg} to {@code to}'s probe, which gets it from that sender. */
  private void tellAndReceive(ActorSystem from, ActorRef sender, TestKit to, Object msg) {
    remote(from, to.getRef()).tell(msg, sender);
    clock.runPending();
    to.expectMsg(Duration.ofSeconds(10), msg);
    assertEquals(wire(from, sender), to.getLastSender().path().toSerializationFormat(), "the sender of " + msg);
  }

  /** User-message frames on the ordinary stream (control messages left out). */
  private List<WireFrame> ordinaryMessages(String from, String to) {
    return net.frames(from, to).stream().filter(f -> f.streamId() == FrameDescriptor.ORDINARY_STREAM_ID
        && f.serializerId() != ControlMessage.SERIALIZER_ID).collect(Collectors.toList());
  }

  private static String describe(CompressionAdvertisement a) {
    return (a.actorRefs() ? "actor-refs" : "manifests") + " v" + a.tableVersion();
  }

  private List<String> advertisements(String from, String to) {
    return net.sent(from, to, CompressionAdvertisement.class).stream().map(AssociationStateMachineTest::describe)
        .collect(Collectors.toList());
  }

  private List<String> advertisementAcks(String from, String to) {
    return net.sent(from, to, CompressionAdvertisementAck.class).stream()
        .map(x -> (x.actorRefs() ? "actor-refs" : "manifests") + " v" + x.version()).collect(Collectors.toList());
  }

  /** Two associated nodes with a probe each. */
  private record Pair(ActorSystem a, ActorSystem b, TestKit probeA, TestKit probeB) {}

  /** A (with {@code configA}) and B (advertising every second), associated; A's probe tells B's probe "counted". */
  private Pair pair(String configA) {
    ActorSystem a = node("A", A, configA);
    ActorSystem b = node("B", B, COMPRESSION);
    TestKit probeA = new TestKit(a);
    TestKit probeB = new TestKit(b);
    associate(a, b, probeB);
    tellAndReceive(a, probeA.getRef(), probeB, "counted");
    return new Pair(a, b, probeA, probeB);
  }

  /** The interval elapses; A's next message to B makes B advertise what it counted. */
  private void nextIntervalThenTell(Pair p, Object msg) {
    clock.advance(Duration.ofSeconds(1));
    tellAndReceive(p.a(), p.probeA().getRef(), p.probeB(), msg);
  }

  @Test
  void shouldAdvertiseTablesEveryIntervalAndCompressOnceTheyAreAcknowledged() {
    Pair p = pair(COMPRESSION);
    ActorSystem a = p.a();
    ActorSystem b = p.b();
    TestKit probeA = p.probeA();
    TestKit probeB = p.probeB();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(), advertisements(B, A), "the interval makes a table due; the next frame from A builds it");
    tellAndReceive(a, probeA.getRef(), probeB, "triggers");
    assertEquals(List.of("actor-refs v1"), advertisements(B, A), "no manifest table: only empty manifests were counted");
    CompressionAdvertisement adv = net.sent(B, A, CompressionAdvertisement.class).get(0);
    assertEquals(unique(b), adv.from());
    assertEquals(unique(a).uid(), adv.originUid(), "meant for this incarnation of A");
    assertEquals(Set.of(wire(a, probeA.getRef()), wire(b, probeB.getRef())), Set.copyOf(adv.keys()),
        "recipients and senders with their #uid");
    assertEquals(List.of(0, 1), adv.values());
    assertEquals(List.of("actor-refs v1"), advertisementAcks(A, B));
    assertEquals(1, association(a, b).outboundActorRefTable().version);
    assertEquals(1, association(b, a).inboundActorRefs().state().active.version, "the ack made it B's active table");

    net.clearFrames();
    tellAndReceive(a, probeA.getRef(), probeB, "compressed");
    WireFrame f = ordinaryMessages(A, B).get(0);
    assertNull(f.sender(), "sender compressed: " + f);
    assertNull(f.recipient(), "recipient compressed: " + f);
    assertEquals("", f.manifest(), "the empty manifest stays literal");
    assertEquals(1, f.actorRefTableVersion());
    assertEquals(0, f.manifestTableVersion());
    assertEquals(1, count(a, Counter.COMPRESSED_MESSAGES_SENT));
    assertEquals(1, count(b, Counter.COMPRESSED_MESSAGES_RECEIVED));

    // Done travels with the manifest "DONE": a manifest table follows; the actor-ref table is the same and stays
    tellAndReceive(a, probeA.getRef(), probeB, Done.getInstance());
    clock.advance(Duration.ofSeconds(1));
    net.clearFrames();
    tellAndReceive(a, probeA.getRef(), probeB, Done.getInstance());
    assertEquals(List.of("manifests v1"), advertisements(B, A));
    assertEquals(List.of("DONE"), net.sent(B, A, CompressionAdvertisement.class).get(0).keys());
    assertEquals(List.of("manifests v1"), advertisementAcks(A, B));

    clock.advance(Duration.ofSeconds(1).plus(MS));
    net.clearFrames();
    tellAndReceive(a, probeA.getRef(), probeB, Done.getInstance());
    List<WireFrame> ordinary = net.frames(A, B).stream().filter(x -> x.streamId() == FrameDescriptor.ORDINARY_STREAM_ID)
        .collect(Collectors.toList());
    assertTrue(ordinary.get(0).is(HandshakeReq.class), "idle for more than a second: a HandshakeReq goes in front: " + ordinary);
    for (WireFrame x : ordinary) {
      assertEquals(List.of(1, 1), List.of(x.actorRefTableVersion(), x.manifestTableVersion()),
          "every ordinary frame carries the versions, control messages too (spec 2.5): " + x);
    }
    WireFrame done = ordinaryMessages(A, B).get(0);
    assertTrue(done.manifest() == null && done.sender() == null && done.recipient() == null, "all compressed: " + done);
    assertTrue(net.frames(A, B).stream().filter(x -> x.streamId() == FrameDescriptor.CONTROL_STREAM_ID)
        .allMatch(x -> !x.compressed() && x.actorRefTableVersion() == 0), "the control stream is never compressed");
    assertEquals(2, count(b, Counter.COMPRESSION_TABLES_ADVERTISED), "two tables in all");
    assertEquals(2, count(a, Counter.COMPRESSION_TABLES_ACCEPTED));
    assertEquals(0, RemotingCounters.get(b).totalDropped(), RemotingCounters.get(b).toString());
  }

  @Test
  void shouldResendAnUnacknowledgedTableOnTheNextThreeTicksThenUseItAnyway() {
    Pair p = pair(COMPRESSION);
    ActorSystem a = p.a();
    ActorSystem b = p.b();
    InMemoryNetwork.Fault lost = net.dropFrames(B, A, f -> f.is(CompressionAdvertisement.class));
    nextIntervalThenTell(p, "triggers");
    clock.advance(Duration.ofSeconds(3));
    InboundCompression refs = association(b, a).inboundActorRefs();
    assertEquals(1, refs.state().advertised.version, "still waiting for A");
    assertEquals(List.of(1000L, 2000L, 3000L, 4000L), net.frames(B, A).stream().filter(f -> f.is(CompressionAdvertisement.class))
        .map(f -> millisSinceStart(f.atNanos())).collect(Collectors.toList()), "sent at 1 s, resent at the next three ticks");

    clock.advance(Duration.ofSeconds(1));
    assertNull(refs.state().advertised);
    assertEquals(1, refs.state().active.version, "given up at the fourth tick: version 1 is used anyway");
    assertEquals(4, net.sent(B, A, CompressionAdvertisement.class).size(), "no fourth resend");
    assertEquals(0, association(a, b).outboundActorRefTable().version, "A never heard of it");
    net.clearFrames();
    tellAndReceive(a, p.probeA().getRef(), p.probeB(), "still literal");
    assertFalse(ordinaryMessages(A, B).get(0).compressed());

    // the table may never have reached A: at the next tick the same keys are advertised again, as version 2
    lost.heal();
    nextIntervalThenTell(p, "triggers again");
    assertEquals(List.of("actor-refs v2"), advertisements(B, A));
    assertEquals(List.of("actor-refs v2"), advertisementAcks(A, B));
    net.clearFrames();
    tellAndReceive(a, p.probeA().getRef(), p.probeB(), "compressed");
    assertEquals(2, ordinaryMessages(A, B).get(0).actorRefTableVersion());
    assertTrue(ordinaryMessages(A, B).get(0).compressed());
  }

  @Test
  void shouldTakeTheFirstFrameUsingAnAdvertisedTableAsItsAcknowledgement() {
    Pair p = pair(COMPRESSION);
    ActorSystem a = p.a();
    ActorSystem b = p.b();
    net.dropFrames(A, B, f -> f.is(CompressionAdvertisementAck.class));
    nextIntervalThenTell(p, "triggers");
    InboundCompression refs = association(b, a).inboundActorRefs();
    assertEquals(1, refs.state().advertised.version, "A's ack was lost");
    assertEquals(1, association(a, b).outboundActorRefTable().version, "but A switched");

    tellAndReceive(a, p.probeA().getRef(), p.probeB(), "compressed with v1");
    assertNull(refs.state().advertised);
    assertEquals(1, refs.state().active.version, "the compressed frame confirmed version 1");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of("actor-refs v1"), advertisements(B, A), "nothing to resend at the next tick");
  }

  @Test
  void shouldForgetTheTablesOfAPeerThatRestartedAndIgnoreStaleAdvertisements() {
    Pair p = pair(COMPRESSION);
    ActorSystem a = p.a();
    ActorSystem b1 = p.b();
    TestKit probeA = p.probeA();
    nextIntervalThenTell(p, "triggers");
    assertEquals(1, association(a, b1).outboundActorRefTable().version);
    UniqueAddress old = unique(b1);
    net.crash(B);
    clock.runPending();

    ActorSystem b2 = node("B", B, COMPRESSION);
    TestKit probeB2 = new TestKit(b2);
    remote(b2, probeA.getRef()).tell("restarted", ActorRef.noSender());
    clock.runPending();
    probeA.expectMsg(Duration.ofSeconds(10), "restarted");
    Association ab = association(a, b2);
    assertEquals(unique(b2), ab.peer());
    assertEquals(0, ab.outboundActorRefTable().version, "what the old incarnation advertised is void (spec 4.5)");
    assertEquals(unique(b2).uid(), ab.inboundActorRefs().peerUid, "A counts afresh for the new incarnation");
    assertEquals(0, ab.inboundActorRefs().state().active.version);

    net.clearFrames();
    String path = wire(a, probeA.getRef());
    ab.loop.execute(() -> ab.onCompressionAdvertisement(new CompressionAdvertisement(true, old, unique(a).uid(), 2,
        List.of(path), List.of(0))));
    ab.loop.execute(() -> ab.onCompressionAdvertisement(new CompressionAdvertisement(true, unique(b2), unique(a).uid() + 1,
        2, List.of(path), List.of(0))));
    clock.runPending();
    assertEquals(0, ab.outboundActorRefTable().version, "tables from an old incarnation of B, or for another one of A, are ignored");
    assertEquals(List.of(), advertisementAcks(A, B));

    tellAndReceive(a, probeA.getRef(), probeB2, "to the new incarnation");
    WireFrame f = ordinaryMessages(A, B).get(0);
    assertFalse(f.compressed(), "literal: " + f);
    assertEquals(0, f.actorRefTableVersion());
    assertEquals(0, count(b2, Counter.DROPPED_COMPRESSION_UNKNOWN));
  }

  @Test
  void shouldNeitherCountNorAdvertiseWithMaxOffButStillUseThePeersTables() {
    String off = COMPRESSION + "troupe.remote.artery.advanced.compression.actor-refs.max = off\n"
        + "troupe.remote.artery.advanced.compression.manifests.max = off\n";
    Pair p = pair(off);
    ActorSystem a = p.a();
    ActorSystem b = p.b();
    TestKit probeA = p.probeA();
    TestKit probeB = p.probeB();
    for (int i = 0; i < 3; i++) {
      tellAndReceive(a, probeA.getRef(), probeB, "to B " + i);
      tellAndReceive(b, probeB.getRef(), probeA, Done.getInstance());
      clock.advance(Duration.ofSeconds(1));
    }
    tellAndReceive(a, probeA.getRef(), probeB, "last to B");
    tellAndReceive(b, probeB.getRef(), probeA, Done.getInstance());
    assertNull(association(a, b).inboundActorRefs(), "A keeps no tables");
    assertNull(association(a, b).inboundManifests());
    assertEquals(List.of(), advertisements(A, B), "A never advertises");
    assertTrue(ordinaryMessages(B, A).stream().noneMatch(WireFrame::compressed), "so B sends literals");
    assertEquals(0, count(a, Counter.COMPRESSION_TABLES_ADVERTISED));
    assertEquals(List.of("actor-refs v1"), advertisements(B, A), "B does advertise, and A accepts");
    assertEquals(List.of("actor-refs v1"), advertisementAcks(A, B));
    assertTrue(ordinaryMessages(A, B).get(ordinaryMessages(A, B).size() - 1).compressed());
  }
}

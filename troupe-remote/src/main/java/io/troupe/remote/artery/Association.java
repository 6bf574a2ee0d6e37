package io.troupe.remote.artery;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Address;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.AssociatedEvent;
import io.troupe.remote.AssociationErrorEvent;
import io.troupe.remote.DisassociatedEvent;
import io.troupe.remote.RemoteActorRef;
import io.troupe.remote.RemoteSettings;
import io.troupe.remote.RemotingCounters;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.transport.ConnectionListener;
import io.troupe.remote.transport.OutboundConnection;
import io.troupe.remote.transport.Transport;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything this node keeps about one remote address: the outbound connections (control, ordinary, large), their
 * bounded send queues, the handshake, the gate, quarantine and system-message delivery.
 *
 * <p>Design note. Threads: any thread may call {@link #send} and {@link #sendSystemMessage}; they offer to a
 * lock-free bounded queue and make sure a drain is scheduled, or, when the ordinary connection is idle, write the
 * message to the socket themselves (see {@link #tryDirect}). All other state belongs to {@link #loop}, one I/O
 * thread, which also runs this peer's outbound connections and timers; inbound connections (on other I/O threads)
 * post what concerns the association (handshake, acks, system messages) to that thread. So nothing here is locked,
 * and the fields read from elsewhere ({@link #peer}, {@link #state}) are volatile. Time comes from the transport's
 * clock ({@link Transport#nanoTime()}), the one {@link #loop}'s timers run on, so a test can drive every timer here
 * with a manual clock.
 *
 * <p>States. IDLE (nothing going on, or the gate reopened) → a first message or an inbound handshake starts the
 * handshake: every outbound connection opens with a HandshakeReq, repeated every handshake-retry-interval. The peer's
 * HandshakeRsp, or its own HandshakeReq to us, makes the association ACTIVE with the peer's UID; queued messages
 * flow. A failed connection or a handshake timeout makes it GATED for retry-gate-closed-for: user messages are
 * dropped (counted), unless the peer connects to us successfully, which reopens the gate. A quarantined UID never
 * gets messages again; a new UID at the same address is a new incarnation and starts afresh (system messages
 * numbered from 1).
 *
 * <p>Overload: a full ordinary or large queue drops the message (counted, dead letter); a full control queue or more
 * than system-message-buffer-size unacknowledged system messages quarantines the peer, because exactly-once
 * delivery of system messages can no longer be kept.
 */
public final class Association {
  private static final Logger LOG = LoggerFactory.getLogger(Association.class);
  private static final int BATCH = 256;

  public enum State { IDLE, ACTIVE, GATED }

  /** A user message waiting to be encoded. */
  record OutboundEnvelope(Object message, ActorRef sender, RemoteActorRef recipient) {}

  /** A control message waiting to be encoded; recipient and sender are wire paths ("" for none). */
  record ControlEnvelope(ControlMessage message, String recipient, String sender) {}

  private record PendingSystemMessage(long seqNo, byte[] payload, String recipient, SystemMessage message, RemoteActorRef target) {}

  final ArteryRemoting remoting;
  final Address remoteAddress;
  final ScheduledExecutorService loop;
  /** The clock {@link #loop}'s timers run on; every deadline here is read from it. */
  private final Transport transport;
  private final RemoteSettings.Advanced advanced;
  private final OutboundStream[] streams = new OutboundStream[4];
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  /**
   * True while the loop is writing user messages it took from a queue (a drain, or a new connection's first batch),
   * until they are flushed: a sender must not write directly then, or its message could overtake its own earlier ones.
   */
  private volatile boolean draining;
  private final boolean directWrites;
  private static final long DIRECT_WRITE_MIN_GAP_NANOS = 20_000;
  /** Control messages that may go before a handshake completed (handshake replies, quarantine notices). */
  private final java.util.concurrent.ConcurrentLinkedQueue<ControlEnvelope> urgent = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Runnable drainTask = this::drain;

  private volatile UniqueAddress peer;
  private volatile State state = State.IDLE;
  private volatile boolean removed;

  // loop-confined
  private long gatedUntilNanos;
  /** A handshake of ours is under way (its retry and timeout timers run). */
  private boolean handshakeInProgress;
  private ScheduledFuture<?> handshakeTimer;
  private ScheduledFuture<?> handshakeTimeoutTimer;
  private boolean startedByPeer;
  private long nextSeqNo = 1;
  private final ArrayDeque<PendingSystemMessage> unacked = new ArrayDeque<>();
  private ScheduledFuture<?> resendTimer;
  private long lastAckNanos;
  private long ackerUid;
  private boolean ackerKnown;
  private long expectedSeqNo = 1;

  // compression (spec 8). The peer's tables this node sends with: written and read on the loop (volatile for
  // diagnostics). This node's tables for the peer's current incarnation, null when disabled: decoded on inbound I/O
  // threads, ticked on the loop.
  private volatile OutboundCompressionTable outboundRefs = OutboundCompressionTable.NONE;
  private volatile OutboundCompressionTable outboundManifests = OutboundCompressionTable.NONE;
  private volatile InboundCompression inboundRefs;
  private volatile InboundCompression inboundManifests;
  private ScheduledFuture<?> refsAdvertisementTimer;
  private ScheduledFuture<?> manifestsAdvertisementTimer;

  Association(ArteryRemoting remoting, Address remoteAddress) {
    this.remoting = remoting;
    this.remoteAddress = remoteAddress;
    this.transport = remoting.transport();
    this.loop = transport.newAffinityExecutor();
    this.advanced = remoting.settings().advanced();
    this.directWrites = advanced.tcpDirectWrites();
    streams[FrameDescriptor.CONTROL_STREAM_ID] = new OutboundStream(FrameDescriptor.CONTROL_STREAM_ID, advanced.outboundControlQueueSize());
    streams[FrameDescriptor.ORDINARY_STREAM_ID] = new OutboundStream(FrameDescriptor.ORDINARY_STREAM_ID, advanced.outboundMessageQueueSize());
    if (!remoting.largeDestinations().isEmpty()) {
      streams[FrameDescriptor.LARGE_STREAM_ID] = new OutboundStream(FrameDescriptor.LARGE_STREAM_ID, advanced.outboundLargeMessageQueueSize());
    }
  }

  private long now() {
    return transport.nanoTime();
  }

  public Address remoteAddress() { return remoteAddress; }

  /** The peer's incarnation once the handshake completed, else null. */
  public UniqueAddress peer() { return peer; }

  public State state() { return state; }

  public boolean isRemoved() { return removed; }

  void markRemoved() { removed = true; }

  /** One outbound connection and its queue. */
  final class OutboundStream implements ConnectionListener {
    final int streamId;
    final MpscArrayQueue<Object> queue;
    /** Written on the loop; read by senders trying a direct write. */
    volatile OutboundConnection connection;
    boolean connecting;
    volatile long lastHandshakeReqNanos;
    volatile long lastUsedNanos;
    /** System.nanoTime() of the last write (a batch or a direct write): messages closer than this go in batches. */
    volatile long lastWriteNanos;

    OutboundStream(int streamId, int capacity) {
      this.streamId = streamId;
      this.queue = new MpscArrayQueue<>(Math.max(2, capacity));
    }

    @Override
    public void onClosed(OutboundConnection c, Throwable cause) {
      // on loop
      if (connection == c) {
        connection = null;
        openConnectionCount--;
        connectionLost(this, cause);
      }
    }

    @Override
    public void onWritable(OutboundConnection c) {
      wake();
    }
  }

  // ------------------------------------------------------------------ sending (any thread)

  /** Queues a user message for the peer; never blocks. Drops (counted) when gated, quarantined or the queue is full. */
  public void send(Object message, ActorRef sender, RemoteActorRef recipient) {
    if (state == State.GATED && now() - gatedUntilNanosVolatile < 0) {
      drop(message, sender, recipient, Counter.DROPPED_GATED);
      return;
    }
    UniqueAddress p = peer;
    if (p != null && remoting.isQuarantined(p.uid()) && !(message instanceof ActorSelectionMessage)) {
      drop(message, sender, recipient, Counter.DROPPED_QUARANTINED);
      return;
    }
    OutboundStream s = streams[remoting.streamFor(recipient, message)];
    if (s == null) s = streams[FrameDescriptor.ORDINARY_STREAM_ID];
    if (directWrites && s.streamId == FrameDescriptor.ORDINARY_STREAM_ID && tryDirect(s, message, sender, recipient)) return;
    if (!s.queue.offer(new OutboundEnvelope(message, sender, recipient))) {
      if (s.streamId == FrameDescriptor.CONTROL_STREAM_ID) {
        remoting.quarantineLater(this, "outbound control queue overflow");
      }
      drop(message, sender, recipient, Counter.DROPPED_QUEUE_FULL);
      return;
    }
    wake();
  }

  private volatile long gatedUntilNanosVolatile;

  /**
   * Direct writes (tcp, {@code advanced.tcp.direct-writes}): when the ordinary connection is idle (handshake done,
   * nothing queued, no drain scheduled or under way, the last write more than 20 us ago, no handshake injection due),
   * the sending thread encodes the message into its own buffer and writes it to the socket itself, sparing the wake-up
   * of the loop. The connection refuses (and the message is queued as usual) if the loop is writing or holds unsent
   * bytes. A sender's earlier messages are all queued, being drained, or on the socket when it gets here, so its
   * order holds; different senders were never ordered among themselves.
   */
  private boolean tryDirect(OutboundStream s, Object message, ActorRef sender, RemoteActorRef recipient) {
    if (drainScheduled.get()) return false; // the loop is about to write: the usual case under load, so checked first
    OutboundConnection c = s.connection;
    if (c == null || !c.supportsDirectWrites() || state != State.ACTIVE || !handshakeDone || removed) return false;
    long t = System.nanoTime();
    if (t - s.lastWriteNanos < DIRECT_WRITE_MIN_GAP_NANOS) return false;
    // the order of these reads matters: drain() sets draining before it clears drainScheduled, and takes from the queue after
    if (!s.queue.isEmpty() || drainScheduled.get() || draining) return false;
    if (now() - s.lastHandshakeReqNanos > advanced.injectHandshakeInterval().toNanos()) return false;
    s.lastWriteNanos = t;
    DirectFrame frame = DirectFrame.get();
    OutboundEnvelope envelope = new OutboundEnvelope(message, sender, recipient);
    int r = io.troupe.serialization.Serialization.withTransportInformation(remoting.system(),
        () -> remoting.encoder().encodeUser(frame, envelope, FrameDescriptor.ORDINARY_STREAM_ID, this));
    if (r < 0) {
      frame.done();
      return true; // dropped and counted by the encoder
    }
    boolean written = c.tryWriteDirect(frame.frame());
    frame.done();
    // the gap counts from the end of this write: a thread sending one message after another (a large one can take
    // longer than the gap to encode and write) goes on through the queue, in batches, and the I/O thread writes
    // while it serializes the next
    s.lastWriteNanos = System.nanoTime();
    if (!written) return false; // the loop is busy with the connection after all: queue it (it is encoded again there)
    s.lastUsedNanos = now();
    RemotingCounters counters = remoting.counters();
    counters.increment(Counter.MESSAGES_SENT);
    counters.increment(Counter.MESSAGES_SENT_DIRECT);
    counters.add(Counter.BYTES_SENT, r & ~OutboundEncoder.COMPRESSED);
    if ((r & OutboundEncoder.COMPRESSED) != 0) counters.increment(Counter.COMPRESSED_MESSAGES_SENT);
    return true;
  }

  /** Queues a system message; it is numbered and kept until the peer acknowledges it. */
  public void sendSystemMessage(SystemMessage message, RemoteActorRef recipient) {
    loop.execute(() -> enqueueSystemMessage(message, recipient));
  }

  /** Queues a control message on the control stream (any thread). */
  void sendControl(ControlMessage message, String recipient, String sender) {
    if (!streams[FrameDescriptor.CONTROL_STREAM_ID].queue.offer(new ControlEnvelope(message, recipient, sender))) {
      LOG.warn("[{}] control queue to [{}] is full; dropping {}", remoting.localAddress().address(), remoteAddress, message.manifest());
      return;
    }
    wake();
  }

  /** Queues a control message that must not wait for the handshake (any thread). */
  void sendUrgent(ControlMessage message, String recipient, String sender) {
    urgent.offer(new ControlEnvelope(message, recipient, sender));
    wake();
  }

  /** Queues a control message on the ordinary stream (replies that go to an actor path, e.g. acks to flushers). */
  void sendControlOrdinary(ControlMessage message, String recipient, String sender) {
    if (!streams[FrameDescriptor.ORDINARY_STREAM_ID].queue.offer(new ControlEnvelope(message, recipient, sender))) {
      LOG.debug("ordinary queue to [{}] is full; dropping {}", remoteAddress, message.manifest());
      return;
    }
    wake();
  }

  private void drop(Object message, ActorRef sender, ActorRef recipient, Counter reason) {
    remoting.counters().increment(reason);
    remoting.dropLog().log(reason, remoteAddress, message);
    ActorRef dl = remoting.deadLetters();
    dl.tell(new DeadLetter(message, sender == null ? dl : sender, recipient), sender);
  }

  void wake() {
    if (drainScheduled.compareAndSet(false, true)) loop.execute(drainTask);
  }

  // ------------------------------------------------------------------ the loop

  private void drain() {
    draining = true;
    drainScheduled.set(false);
    try {
      drainNow();
    } finally {
      draining = false;
    }
  }

  private void drainNow() {
    if (removed) return;
    long now = now();
    if (state == State.GATED) {
      if (now - gatedUntilNanos < 0) {
        dropQueued(Counter.DROPPED_GATED, false);
        return;
      }
      setState(State.IDLE);
    }
    writeUrgent();
    if (!handshakeDone) {
      // urgent control messages (replies, a Quarantined notice) go out without one; only traffic starts a handshake,
      // so a quarantined peer is not asked again and again by a node that has nothing to send it
      if (hasQueued()) {
        startHandshake(false);
        for (OutboundStream s : streams) if (s != null) ensureConnected(s);
      }
      return;
    }
    boolean more = false;
    for (OutboundStream s : streams) {
      if (s == null) continue;
      if (s.queue.isEmpty()) continue;
      if (s.connection == null) {
        ensureConnected(s);
        continue;
      }
      if (!s.connection.isWritable()) continue;
      OutboundStream stream = s;
      more |= io.troupe.serialization.Serialization.withTransportInformation(remoting.system(), () -> writeBatch(stream, now));
    }
    if (more) wake();
  }

  private boolean hasQueued() {
    for (OutboundStream s : streams) if (s != null && !s.queue.isEmpty()) return true;
    return false;
  }

  private void writeUrgent() {
    if (urgent.isEmpty()) return;
    OutboundStream s = streams[FrameDescriptor.CONTROL_STREAM_ID];
    if (s.connection == null) {
      ensureConnected(s);
      return;
    }
    ControlEnvelope e;
    while ((e = urgent.poll()) != null) remoting.encoder().encodeControl(s.connection, e.message(), e.recipient(), e.sender(), this);
    s.connection.flush();
  }

  /** Encodes up to a batch of queued messages into the connection, one flush; returns true when more are queued. */
  private boolean writeBatch(OutboundStream s, long now) {
    OutboundConnection c = s.connection;
    if (now - s.lastHandshakeReqNanos > advanced.injectHandshakeInterval().toNanos()) {
      writeHandshakeReq(s);
    }
    int n = 0;
    int sent = 0;
    int compressedSent = 0;
    long sentBytes = 0;
    Object item;
    s.lastUsedNanos = now;
    s.lastWriteNanos = System.nanoTime();
    while (n < BATCH && (item = s.queue.relaxedPoll()) != null) {
      n++;
      if (item instanceof OutboundEnvelope) {
        int r = remoting.encoder().encodeUser(c, (OutboundEnvelope) item, s.streamId, this);
        if (r >= 0) {
          sent++;
          if ((r & OutboundEncoder.COMPRESSED) != 0) compressedSent++;
          sentBytes += r & ~OutboundEncoder.COMPRESSED;
        }
      } else {
        ControlEnvelope ce = (ControlEnvelope) item;
        remoting.encoder().encodeControl(c, ce.message(), ce.recipient(), ce.sender(), this);
      }
    }
    if (sent > 0) {
      remoting.counters().add(Counter.MESSAGES_SENT, sent);
      remoting.counters().add(Counter.BYTES_SENT, sentBytes);
      if (compressedSent > 0) remoting.counters().add(Counter.COMPRESSED_MESSAGES_SENT, compressedSent);
    }
    c.flush();
    return !s.queue.isEmpty();
  }

  private void writeHandshakeReq(OutboundStream s) {
    s.lastHandshakeReqNanos = now();
    remoting.encoder().encodeControl(s.connection, new ControlMessage.HandshakeReq(remoting.localAddress(), remoteAddress), "", "", this);
  }

  private void ensureConnected(OutboundStream s) {
    if (s.connection != null || s.connecting || removed) return;
    s.connecting = true;
    String host = remoteAddress.getHost().orElse("");
    int port = remoteAddress.getPort().orElse(0);
    transport.connect(host, port, s.streamId, loop, s).whenComplete((c, err) -> {
      if (!loop.isShutdown()) loop.execute(() -> connected(s, c, err));
    });
  }

  private void connected(OutboundStream s, OutboundConnection c, Throwable err) {
    s.connecting = false;
    if (err != null) {
      connectFailed(s, err);
      return;
    }
    if (removed) {
      c.close();
      return;
    }
    draining = true;
    try {
      s.connection = c;
      s.lastUsedNanos = now();
      openConnectionCount++;
      startHousekeeping();
      writeHandshakeReq(s);
      if (s.streamId == FrameDescriptor.CONTROL_STREAM_ID) writeUrgent();
      if (handshakeDone) {
        io.troupe.serialization.Serialization.withTransportInformation(remoting.system(), () -> writeBatch(s, now()));
      } else {
        // only replies (control envelopes) may pass before the handshake completed
        c.flush();
      }
    } finally {
      draining = false;
    }
    wake();
  }

  private void connectFailed(OutboundStream s, Throwable err) {
    Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
    remoting.publish(new AssociationErrorEvent(cause, remoting.localAddress().address(), remoteAddress, false, org.slf4j.event.Level.WARN));
    gate("connection to [" + remoteAddress + "] failed: " + cause.getMessage());
  }

  private void connectionLost(OutboundStream s, Throwable cause) {
    if (state == State.ACTIVE) {
      remoting.publish(new DisassociatedEvent(remoting.localAddress().address(), remoteAddress, startedByPeer));
    } else if (cause instanceof javax.net.ssl.SSLException) {
      // tls-tcp, TLSv1.3: the client finishes its handshake before the server checked the client's certificate, so a
      // refusal arrives as an alert on a connection that looked connected. The association never existed: an error.
      remoting.publish(new AssociationErrorEvent(cause, remoting.localAddress().address(), remoteAddress, false, org.slf4j.event.Level.WARN));
    }
    gate("connection (" + FrameDescriptor.streamName(s.streamId) + ") to [" + remoteAddress + "] lost"
        + (cause == null ? "" : ": " + cause.getMessage()));
  }

  /** Closes the gate for retry-gate-closed-for: connections close, user messages are dropped meanwhile. */
  private void gate(String why) {
    if (state == State.GATED) return;
    LOG.debug("[{}] gating [{}] for {}: {}", remoting.localAddress().address(), remoteAddress, remoting.settings().retryGateClosedFor(), why);
    long until = now() + remoting.settings().retryGateClosedFor().toNanos();
    gatedUntilNanos = until;
    gatedUntilNanosVolatile = until;
    setState(State.GATED);
    cancelHandshake();
    for (OutboundStream s : streams) {
      if (s != null) closeQuietly(s);
    }
    dropQueued(Counter.DROPPED_GATED, false);
    if (!remoting.settings().retryGateClosedFor().isZero()) {
      loop.schedule(this::gateExpired, remoting.settings().retryGateClosedFor().toNanos(), TimeUnit.NANOSECONDS);
    } else {
      loop.execute(this::gateExpired);
    }
  }

  private void gateExpired() {
    if (state != State.GATED || now() - gatedUntilNanos < 0) return;
    setState(State.IDLE);
    peerForgottenForReconnect();
    // pending system messages must still reach the peer: reconnect for them
    if (!unacked.isEmpty()) wake();
  }

  /** After the gate, the next contact starts with a fresh handshake (the peer may have restarted meanwhile). */
  private void peerForgottenForReconnect() {
    // keep 'peer' for quarantine bookkeeping, but require a new handshake before user messages flow again
    handshakeDone = false;
  }

  /** True once a handshake completed on the current connections; user messages and system messages wait for it. */
  private volatile boolean handshakeDone;

  private void dropQueued(Counter reason, boolean includeControl) {
    for (OutboundStream s : streams) {
      if (s == null) continue;
      if (s.streamId == FrameDescriptor.CONTROL_STREAM_ID && !includeControl) {
        // keep control envelopes (acks, handshake replies) but drop user messages routed to control
        int n = s.queue.size();
        for (int i = 0; i < n; i++) {
          Object o = s.queue.relaxedPoll();
          if (o == null) break;
          if (o instanceof OutboundEnvelope) dropEnvelope((OutboundEnvelope) o, reason);
          else if (!s.queue.offer(o)) break;
        }
        continue;
      }
      Object o;
      while ((o = s.queue.relaxedPoll()) != null) {
        if (o instanceof OutboundEnvelope) dropEnvelope((OutboundEnvelope) o, reason);
      }
    }
  }

  private void dropEnvelope(OutboundEnvelope e, Counter reason) {
    drop(e.message(), e.sender(), e.recipient(), reason);
  }

  private void setState(State s) {
    state = s;
  }

  // ------------------------------------------------------------------ handshake

  private void startHandshake(boolean byPeer) {
    if (handshakeInProgress) return;
    handshakeInProgress = true;
    startedByPeer = byPeer;
    long retry = advanced.handshakeRetryInterval().toNanos();
    handshakeTimer = loop.scheduleWithFixedDelay(this::handshakeTick, retry, retry, TimeUnit.NANOSECONDS);
    // its own timer, so the handshake fails at handshake-timeout and not at the first retry tick after it
    handshakeTimeoutTimer = loop.schedule(this::handshakeTimedOut, advanced.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancelHandshake() {
    handshakeInProgress = false;
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
      handshakeTimer = null;
    }
    if (handshakeTimeoutTimer != null) {
      handshakeTimeoutTimer.cancel(false);
      handshakeTimeoutTimer = null;
    }
  }

  private void handshakeTick() {
    if (!handshakeInProgress) return;
    for (OutboundStream s : streams) {
      if (s == null) continue;
      if (s.connection != null) {
        writeHandshakeReq(s);
        s.connection.flush();
      } else {
        ensureConnected(s);
      }
    }
  }

  private void handshakeTimedOut() {
    if (!handshakeInProgress) return;
    String msg = "handshake with [" + remoteAddress + "] did not complete within " + advanced.handshakeTimeout();
    LOG.warn("[{}] {}; dropping queued messages", remoting.localAddress().address(), msg);
    cancelHandshake();
    dropQueued(Counter.DROPPED_HANDSHAKE_TIMEOUT, false);
    remoting.publish(new AssociationErrorEvent(new HandshakeTimeoutException(msg), remoting.localAddress().address(),
        remoteAddress, false, org.slf4j.event.Level.WARN));
    gate(msg);
  }

  /** The peer sent us a HandshakeReq (on any of its connections): it is there, with this UID. Loop only. */
  void onHandshakeReq(UniqueAddress from) {
    if (state == State.GATED) {
      // a successful inbound contact reopens the gate at once
      setState(State.IDLE);
    }
    if (peer == null && !handshakeInProgress) startedByPeer = true;
    completeHandshake(from);
    if (!remoting.isQuarantined(from.uid())) sendUrgent(new ControlMessage.HandshakeRsp(remoting.localAddress()), "", "");
  }

  /** The peer answered our HandshakeReq. Loop only. */
  void onHandshakeRsp(UniqueAddress from) {
    if (state == State.GATED) setState(State.IDLE);
    completeHandshake(from);
  }

  private void completeHandshake(UniqueAddress from) {
    if (remoting.isQuarantined(from.uid())) {
      LOG.debug("[{}] ignoring handshake from quarantined [{}]", remoting.localAddress().address(), from);
      remoting.sendQuarantinedNotice(this, from);
      // the peer at this address is still the quarantined incarnation: give up this handshake, the next send tries again
      cancelHandshake();
      dropQueued(Counter.DROPPED_QUARANTINED, true);
      return;
    }
    UniqueAddress old = peer;
    boolean newIncarnation = old != null && old.uid() != from.uid();
    if (newIncarnation) {
      LOG.info("[{}] [{}] restarted: new incarnation with UID [{}] replaces UID [{}]", remoting.localAddress().address(),
          remoteAddress, from.uid(), old.uid());
      remoting.quarantine(old, "a new incarnation of the peer appeared at its address", false);
      abandonSystemMessages();
    }
    boolean first = old == null || newIncarnation || state != State.ACTIVE || !handshakeDone;
    if (old == null || newIncarnation) resetCompression(from.uid());
    peer = from;
    remoting.registerUid(from.uid(), this);
    cancelHandshake();
    handshakeDone = true;
    if (first) {
      setState(State.ACTIVE);
      remoting.counters().increment(Counter.HANDSHAKES_COMPLETED);
      remoting.publish(new AssociatedEvent(remoting.localAddress().address(), remoteAddress, startedByPeer));
    }
    // after a reconnect, what was in flight is lost: resend at once. Not on every later Req/Rsp: those are liveness
    // probes (inject-handshake-interval) and would resend the whole buffer twice per probe round trip.
    if (first && !unacked.isEmpty()) resendSystemMessages();
    wake();
  }

  // ------------------------------------------------------------------ system messages, sender side

  private void enqueueSystemMessage(SystemMessage m, RemoteActorRef recipient) {
    UniqueAddress p = peer;
    if (p != null && remoting.isQuarantined(p.uid())) {
      remoting.systemMessageToQuarantined(m, recipient);
      return;
    }
    if (unacked.size() >= advanced.systemMessageBufferSize()) {
      remoting.quarantine(p != null ? p : new UniqueAddress(remoteAddress, 0), "system message buffer overflow ("
          + advanced.systemMessageBufferSize() + " unacknowledged)", false);
      return;
    }
    byte[] payload;
    try {
      payload = remoting.systemMessageSerializer().toBinary(m);
    } catch (RuntimeException e) {
      LOG.error("[{}] cannot serialize system message {} for [{}]", remoting.localAddress().address(), m, recipient.path(), e);
      return;
    }
    PendingSystemMessage pending = new PendingSystemMessage(nextSeqNo++, payload, recipient.wirePath(), m, recipient);
    if (unacked.isEmpty()) lastAckNanos = now();
    unacked.addLast(pending);
    sendPending(pending);
    if (resendTimer == null) {
      long every = advanced.systemMessageResendInterval().toNanos();
      resendTimer = loop.scheduleWithFixedDelay(this::resendTick, every, every, TimeUnit.NANOSECONDS);
    }
  }

  private void sendPending(PendingSystemMessage p) {
    sendControl(new ControlMessage.SystemMessageEnvelope(p.payload(), SystemMessageSerializerId.ID, null, p.seqNo(),
        remoting.localAddress()), p.recipient(), "");
  }

  private void resendTick() {
    if (unacked.isEmpty()) {
      if (resendTimer != null) {
        resendTimer.cancel(false);
        resendTimer = null;
      }
      return;
    }
    if (now() - lastAckNanos > advanced.giveUpSystemMessageAfter().toNanos()) {
      UniqueAddress p = peer;
      remoting.quarantine(p != null ? p : new UniqueAddress(remoteAddress, 0), "no acknowledgement of system messages for "
          + advanced.giveUpSystemMessageAfter(), false);
      return;
    }
    if (handshakeDone && state == State.ACTIVE) resendSystemMessages();
    else if (state != State.GATED) wake();
  }

  private void resendSystemMessages() {
    for (PendingSystemMessage p : unacked) {
      sendPending(p);
      remoting.counters().increment(Counter.SYSTEM_MESSAGES_RESENT);
    }
  }

  /** Ack or nack from the peer: everything up to {@code seqNo} arrived. Loop only. */
  void onAck(long seqNo, UniqueAddress from) {
    if (!from.address().equals(remoteAddress)) return;
    lastAckNanos = now();
    while (!unacked.isEmpty() && unacked.peekFirst().seqNo() <= seqNo) {
      unacked.pollFirst();
      systemMessagesAcked++;
    }
  }

  private volatile long systemMessagesAcked;

  /** System messages the peer acknowledged so far (a diagnostic, e.g. for tests that must know a watch arrived). */
  public long systemMessagesAcked() { return systemMessagesAcked; }

  /** The peer restarted or was quarantined: its pending system messages are void. Loop only. */
  private void abandonSystemMessages() {
    for (PendingSystemMessage p : unacked) remoting.systemMessageToQuarantined(p.message(), p.target());
    unacked.clear();
    nextSeqNo = 1;
    ackerKnown = false;
    expectedSeqNo = 1;
    purgeQueuedDelivery();
  }

  /**
   * Envelopes and acks still queued on the control stream belong to the abandoned numbering: the next incarnation
   * would take a stale envelope for its own seqNo (and then drop the real one as a duplicate), or a stale ack for
   * its own messages.
   */
  private void purgeQueuedDelivery() {
    MpscArrayQueue<Object> q = streams[FrameDescriptor.CONTROL_STREAM_ID].queue;
    int n = q.size();
    for (int i = 0; i < n; i++) {
      Object o = q.relaxedPoll();
      if (o == null) break;
      if (o instanceof ControlEnvelope) {
        ControlMessage m = ((ControlEnvelope) o).message();
        if (m instanceof ControlMessage.SystemMessageEnvelope || m instanceof ControlMessage.SystemMessageDeliveryAck) continue;
      }
      if (!q.offer(o) && o instanceof OutboundEnvelope) dropEnvelope((OutboundEnvelope) o, Counter.DROPPED_QUEUE_FULL);
    }
  }

  // ------------------------------------------------------------------ system messages, receiver side

  /** A numbered system message from the peer. Loop only. */
  void onSystemMessageEnvelope(ControlMessage.SystemMessageEnvelope env, InternalActorRef recipient) {
    UniqueAddress from = env.ackReplyTo();
    if (!ackerKnown || ackerUid != from.uid()) {
      ackerKnown = true;
      ackerUid = from.uid();
      expectedSeqNo = 1;
    }
    long seq = env.seqNo();
    if (seq == expectedSeqNo) {
      expectedSeqNo++;
      sendControl(new ControlMessage.SystemMessageDeliveryAck(false, seq, remoting.localAddress()), "", "");
      remoting.deliverSystemMessage(env, recipient, this);
    } else if (seq < expectedSeqNo) {
      sendControl(new ControlMessage.SystemMessageDeliveryAck(false, expectedSeqNo - 1, remoting.localAddress()), "", "");
    } else {
      sendControl(new ControlMessage.SystemMessageDeliveryAck(true, expectedSeqNo - 1, remoting.localAddress()), "", "");
    }
  }

  // ------------------------------------------------------------------ quarantine and shutdown

  /** The peer's incarnation {@code uid} was quarantined. Loop only. */
  void onQuarantined(UniqueAddress quarantined, boolean harmless) {
    UniqueAddress p = peer;
    if (p != null && p.uid() == quarantined.uid()) {
      quarantinedSinceNanos = now();
      startHousekeeping();
      dropQueued(Counter.DROPPED_QUARANTINED, false);
      abandonSystemMessages();
      handshakeDone = false;
    }
  }

  /**
   * The failure detector gave up on a peer that never completed a handshake: its queued and pending messages are
   * dropped (dead letters) and the association stops retrying until it is used again. Loop only.
   */
  void abandonUnreachable() {
    cancelHandshake();
    dropQueued(Counter.DROPPED_GATED, true);
    urgent.clear();
    abandonSystemMessages();
    if (resendTimer != null) {
      resendTimer.cancel(false);
      resendTimer = null;
    }
  }

  /** Closes the connections; called when remoting shuts down or forgets this association. Loop only. */
  void close() {
    removed = true;
    cancelHandshake();
    if (resendTimer != null) resendTimer.cancel(false);
    if (refsAdvertisementTimer != null) refsAdvertisementTimer.cancel(false);
    if (manifestsAdvertisementTimer != null) manifestsAdvertisementTimer.cancel(false);
    stopHousekeeping();
    for (OutboundStream s : streams) {
      if (s != null) closeQuietly(s);
    }
  }

  /** Closes a stream's connection on purpose: no gate, no events; the next message reopens it. Loop only. */
  private void closeQuietly(OutboundStream s) {
    OutboundConnection c = s.connection;
    s.connection = null;
    if (c != null) {
      openConnectionCount--;
      c.close();
    }
  }

  // ------------------------------------------------------------------ compression

  /** The peer's actor-ref table this node compresses its ordinary stream with ({@code NONE} before any). */
  OutboundCompressionTable outboundActorRefTable() { return outboundRefs; }

  /** The peer's manifest table this node compresses its ordinary stream with ({@code NONE} before any). */
  OutboundCompressionTable outboundManifestTable() { return outboundManifests; }

  /** This node's actor-ref tables for the peer's current incarnation; null while unknown or disabled. */
  InboundCompression inboundActorRefs() { return inboundRefs; }

  /** This node's manifest tables for the peer's current incarnation; null while unknown or disabled. */
  InboundCompression inboundManifests() { return inboundManifests; }

  /** This node's tables of a kind for frames from {@code originUid}; null unless that is the current peer. Any thread. */
  InboundCompression inboundCompression(boolean actorRefs, long originUid) {
    InboundCompression c = actorRefs ? inboundRefs : inboundManifests;
    return c != null && c.peerUid == originUid ? c : null;
  }

  /**
   * A first or new incarnation of the peer: what was agreed with the previous one is void in both directions (spec
   * 4.5). The advertisement ticks start with the first incarnation. Loop only.
   */
  private void resetCompression(long peerUid) {
    outboundRefs = OutboundCompressionTable.NONE;
    outboundManifests = OutboundCompressionTable.NONE;
    int refs = advanced.compressionActorRefsMax();
    int manifests = advanced.compressionManifestsMax();
    inboundRefs = refs > 0 ? new InboundCompression(true, peerUid, refs) : null;
    inboundManifests = manifests > 0 ? new InboundCompression(false, peerUid, manifests) : null;
    if (refs > 0 && refsAdvertisementTimer == null) {
      long every = advanced.actorRefsAdvertisementInterval().toNanos();
      refsAdvertisementTimer = loop.scheduleWithFixedDelay(() -> compressionTick(true), every, every, TimeUnit.NANOSECONDS);
    }
    if (manifests > 0 && manifestsAdvertisementTimer == null) {
      long every = advanced.manifestsAdvertisementInterval().toNanos();
      manifestsAdvertisementTimer = loop.scheduleWithFixedDelay(() -> compressionTick(false), every, every, TimeUnit.NANOSECONDS);
    }
  }

  /** An advertisement interval elapsed: resend or give up an unconfirmed table, or let the next frame advertise. */
  private void compressionTick(boolean actorRefs) {
    InboundCompression c = actorRefs ? inboundRefs : inboundManifests;
    UniqueAddress p = peer;
    if (c == null || p == null || p.uid() != c.peerUid || state != State.ACTIVE || remoting.isQuarantined(p.uid())) return;
    InboundCompression.State before = c.state();
    switch (c.tick()) {
      case RESEND:
        if (before.advertised != null) sendAdvertisement(c, before.advertised, "resent");
        break;
      case GAVE_UP:
        if (before.advertised == null) break;
        LOG.debug("[{}] no confirmation of the {} compression table v{} from [{}] after {} resends; using it anyway",
            remoting.localAddress().address(), c.kind(), before.advertised.version, remoteAddress, InboundCompression.MAX_RESENDS);
        remoting.recorder().compressionTable("gave-up", c.kind(), remoteAddress, before.advertised.version, before.advertised.size());
        break;
      default:
    }
  }

  /**
   * Called by the inbound connection that counts for {@code c}, after counting a frame: advertises the next table when
   * one is due. On that connection's I/O thread.
   */
  void advertiseIfDue(InboundCompression c, HitCounter counter) {
    InboundCompression.Table t = c.advertiseFrom(counter);
    if (t == null) return;
    remoting.counters().increment(Counter.COMPRESSION_TABLES_ADVERTISED);
    sendAdvertisement(c, t, "advertised");
  }

  private void sendAdvertisement(InboundCompression c, InboundCompression.Table t, String what) {
    sendControl(c.advertisement(remoting.localAddress(), t), "", "");
    remoting.recorder().compressionTable(what, c.kind(), remoteAddress, t.version, t.size());
    if (LOG.isDebugEnabled()) {
      LOG.debug("[{}] {} {} compression table v{} ({} entries) to [{}]", remoting.localAddress().address(), what, c.kind(),
          t.version, t.size(), remoteAddress);
    }
  }

  /** The peer acknowledged one of this node's tables (g/i). Any thread. */
  void onCompressionAck(ControlMessage.CompressionAdvertisementAck ack) {
    InboundCompression c = inboundCompression(ack.actorRefs(), ack.from().uid());
    if (c != null && c.confirm(ack.version())) {
      remoting.recorder().compressionTable("confirmed", c.kind(), remoteAddress, ack.version(), c.state().active.size());
    }
  }

  /**
   * The peer advertised a table (f/h) for this node to compress its ordinary stream with. Accepted only when it is
   * meant for this incarnation of this node and comes from the peer's incarnation this association knows; then it
   * replaces the table of its kind and is acknowledged. Loop only.
   */
  void onCompressionAdvertisement(ControlMessage.CompressionAdvertisement adv) {
    UniqueAddress p = peer;
    UniqueAddress local = remoting.localAddress();
    String kind = adv.actorRefs() ? "actor-refs" : "manifests";
    if (adv.originUid() != local.uid() || p == null || !p.equals(adv.from()) || remoting.isQuarantined(p.uid())) {
      LOG.debug("[{}] ignoring the {} compression table v{} of [{}] for UID [{}]: not from the current incarnation of the "
          + "peer ({}) to this one", local.address(), kind, adv.tableVersion(), adv.from(), adv.originUid(), p);
      return;
    }
    OutboundCompressionTable t = OutboundCompressionTable.of(adv.tableVersion(), adv.keys(), adv.values());
    if (t == null) {
      if (remoting.dropLogOnce("bad-compression-table:" + remoteAddress)) {
        LOG.warn("[{}] ignoring the {} compression table v{} of [{}]: a version outside 0..127 or an index outside "
            + "0..65535", local.address(), kind, adv.tableVersion(), remoteAddress);
      }
      return;
    }
    if (adv.actorRefs()) outboundRefs = t;
    else outboundManifests = t;
    remoting.counters().increment(Counter.COMPRESSION_TABLES_ACCEPTED);
    remoting.recorder().compressionTable("accepted", kind, remoteAddress, t.version, t.size());
    sendControl(new ControlMessage.CompressionAdvertisementAck(adv.actorRefs(), local, adv.tableVersion()), "", "");
  }

  // ------------------------------------------------------------------ housekeeping

  private ScheduledFuture<?> housekeepingTimer;
  private long quarantinedSinceNanos = -1;
  private volatile int openConnectionCount;

  /** Open outbound connections (a diagnostic). */
  public int openConnectionCount() { return openConnectionCount; }

  private void startHousekeeping() {
    if (housekeepingTimer != null || removed) return;
    long every = Math.max(10_000_000L, Math.min(1_000_000_000L, Math.min(advanced.stopIdleOutboundAfter().toNanos(),
        advanced.stopQuarantinedAfterIdle().toNanos()) / 2));
    housekeepingTimer = loop.scheduleWithFixedDelay(this::housekeeping, every, every, TimeUnit.NANOSECONDS);
  }

  private void stopHousekeeping() {
    if (housekeepingTimer != null) {
      housekeepingTimer.cancel(false);
      housekeepingTimer = null;
    }
  }

  /**
   * Runs while connections are open: closes streams idle for stop-idle-outbound-after (the next message reopens
   * them, with a handshake request first; sequence numbers live in the association and survive), closes a
   * quarantined peer's connections after stop-quarantined-after-idle, and forgets a quarantined association after
   * remove-quarantined-association-after.
   */
  private void housekeeping() {
    long now = now();
    UniqueAddress p = peer;
    boolean quarantined = p != null && remoting.isQuarantined(p.uid());
    long idleLimit = (quarantined ? advanced.stopQuarantinedAfterIdle() : advanced.stopIdleOutboundAfter()).toNanos();
    for (OutboundStream s : streams) {
      if (s == null || s.connection == null || !s.queue.isEmpty()) continue;
      boolean controlBusy = s.streamId == FrameDescriptor.CONTROL_STREAM_ID && (!unacked.isEmpty() || !urgent.isEmpty());
      if (!controlBusy && now - s.lastUsedNanos > idleLimit) closeQuietly(s);
    }
    if (quarantined && quarantinedSinceNanos >= 0
        && now - quarantinedSinceNanos > advanced.removeQuarantinedAssociationAfter().toNanos()) {
      remoting.removeAssociation(this);
      return;
    }
    if (openConnectionCount == 0 && !quarantined) stopHousekeeping();
  }

  /** Streams with an open connection, for shutdown announcements. Loop only. */
  java.util.List<OutboundConnection> openConnections() {
    java.util.List<OutboundConnection> out = new java.util.ArrayList<>();
    for (OutboundStream s : streams) if (s != null && s.connection != null && s.connection.isOpen()) out.add(s.connection);
    return out;
  }

  @Override
  public String toString() {
    return "Association(" + remoteAddress + ", " + state + (peer == null ? "" : ", uid=" + peer.uid()) + ")";
  }

  /** The handshake did not complete in time. */
  public static final class HandshakeTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HandshakeTimeoutException(String message) { super(message); }
  }

}

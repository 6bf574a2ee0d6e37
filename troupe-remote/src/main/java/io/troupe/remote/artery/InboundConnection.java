package io.troupe.remote.artery;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSelection;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.BatchedDelivery;
import io.troupe.actor.internal.EmptyLocalActorRef;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.EnvelopeHeader;
import io.troupe.remote.codec.EnvelopeReader;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.transport.InboundFrameHandler;
import io.troupe.serialization.Serialization;
import java.io.NotSerializableException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection: decodes its frames on its I/O thread and delivers them. Follows Pekko's order (spec 2.8):
 * header, then control messages; user messages only from peers that completed a handshake and are not quarantined;
 * recipient and sender resolved through per-connection caches, or for compressed tags through the tables this node
 * advertised to the peer (which hold resolved refs); the payload deserialized; delivery by {@code tell}, the one
 * hand-off to the recipient's mailbox (scheduled once per read: see the package notes). Ordinary-stream frames are
 * counted for the next table (spec 8). A message that cannot be resolved or deserialized is dropped alone (counted,
 * logged once per kind); only a framing violation closes the connection.
 */
final class InboundConnection implements InboundFrameHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InboundConnection.class);
  private static final int CACHE_LIMIT = 4096;
  private static final int DELIVERY_BATCH = 64;

  private final ArteryRemoting remoting;
  private final InetSocketAddress remote;
  private final EnvelopeHeader h = new EnvelopeHeader();
  private final HashMap<String, InternalActorRef> recipients = new HashMap<>();
  private final HashMap<String, ActorRef> senders = new HashMap<>();
  private int streamId = -1;
  /** Messages decoded from one read are enqueued at once, their mailboxes scheduled once per read (onFrames). */
  private final BatchedDelivery delivery = new BatchedDelivery(DELIVERY_BATCH, this::countReceived);
  private boolean inBatch;
  private long received;
  private long receivedBytes;
  private long compressedReceived;
  private long lastUid;
  private Association lastAssociation;
  /** The compression state whose hit counter this connection counts into, to release it on close. */
  private InboundCompression countingRefs;
  private InboundCompression countingManifests;
  /** The key of the last value {@link #decompress} found. */
  private String decompressedKey;

  InboundConnection(ArteryRemoting remoting, InetSocketAddress remote) {
    this.remoting = remoting;
    this.remote = remote;
  }

  @Override
  public void onStream(int id) {
    this.streamId = id;
  }

  @Override
  public void onClosed(Throwable cause) {
    if (cause instanceof MalformedFrameException) {
      remoting.counters().increment(Counter.CONNECTIONS_CLOSED_MALFORMED);
      remoting.recorder().connectionClosedMalformed(String.valueOf(remote), cause.getMessage());
    }
    if (countingRefs != null) countingRefs.releaseHits(this);
    if (countingManifests != null) countingManifests.releaseHits(this);
  }

  @Override
  public void onFrames(Runnable frames) {
    // the transport information once per read, not set and removed around every message's deserialization
    inBatch = true;
    try {
      Serialization.withTransportInformation(remoting.system(), () -> {
        frames.run();
        return null;
      });
    } finally {
      inBatch = false;
      delivery.flush();
      countReceived();
    }
  }

  /**
   * Adds what was received since the last call to the counters: once per read, not per message, but always before a
   * message of the read reaches its actor (see {@link BatchedDelivery}), so an actor never sees an uncounted message.
   */
  private void countReceived() {
    if (received == 0) return;
    remoting.counters().add(Counter.MESSAGES_RECEIVED, received);
    remoting.counters().add(Counter.BYTES_RECEIVED, receivedBytes);
    if (compressedReceived > 0) remoting.counters().add(Counter.COMPRESSED_MESSAGES_RECEIVED, compressedReceived);
    received = 0;
    receivedBytes = 0;
    compressedReceived = 0;
  }

  @Override
  public void onFrame(int stream, ByteBuffer frame) {
    EnvelopeReader.read(frame, h);
    if (h.version != 0) {
      remoting.counters().increment(Counter.DROPPED_UNSUPPORTED_VERSION);
      remoting.dropLog().log(Counter.DROPPED_UNSUPPORTED_VERSION, null, "a frame of envelope version [" + h.version + "] from " + remote, "version");
      return;
    }
    boolean compressed = h.senderCompressed() || h.recipientCompressed() || h.manifestCompressed();
    if (h.serializerId == ControlMessage.SERIALIZER_ID) {
      if (compressed) {
        unknownCompressed(null, "tag in a control message from " + remote + " (control messages are never compressed)", "control");
      } else {
        onControl(stream, frame);
      }
      return;
    }
    Association a = knownPeer();
    if (a == null) return;
    // only the ordinary stream is compressed (spec 8); elsewhere a compressed tag cannot be resolved
    InboundCompression refs = null;
    InboundCompression manifests = null;
    if (stream == FrameDescriptor.ORDINARY_STREAM_ID) {
      refs = a.inboundCompression(true, h.originUid);
      manifests = a.inboundCompression(false, h.originUid);
    }
    InternalActorRef recipient;
    String recipientKey;
    if (h.recipientCompressed()) {
      recipient = (InternalActorRef) decompress(refs, h.actorRefTableVersion, h.recipientIndex(), InternalActorRef.class,
          "recipient", a);
      if (recipient == null) return;
      recipientKey = decompressedKey;
      if (!recipient.isLocal()) {
        remoting.counters().increment(Counter.DROPPED_WRONG_ADDRESS);
        remoting.dropLog().log(Counter.DROPPED_WRONG_ADDRESS, a.remoteAddress, "a message whose compressed recipient ["
            + recipientKey + "] is not an actor of this node", "compressed-remote-recipient");
        return;
      }
    } else {
      recipient = resolveRecipient(h.recipientLiteral, a);
      if (recipient == null) return;
      recipientKey = h.recipientLiteral;
    }
    ActorRef sender;
    String senderKey;
    if (h.senderCompressed()) {
      sender = (ActorRef) decompress(refs, h.actorRefTableVersion, h.senderIndex(), ActorRef.class, "sender", a);
      if (sender == null) return;
      senderKey = decompressedKey;
    } else {
      sender = resolveSender(h.senderLiteral);
      senderKey = h.senderLiteral;
    }
    String manifest;
    if (h.manifestCompressed()) {
      manifest = (String) decompress(manifests, h.manifestTableVersion, h.manifestIndex(), String.class, "manifest", a);
      if (manifest == null) return;
    } else {
      manifest = h.manifestLiteral;
    }
    if (refs != null) countRefs(a, refs, recipientKey, recipient, senderKey, sender);
    if (manifests != null) countManifest(a, manifests, manifest);
    Object msg;
    try {
      msg = remoting.serialization().deserializeByteBuffer(EnvelopeReader.payload(frame, h), h.serializerId, manifest);
    } catch (NotSerializableException | RuntimeException e) {
      deserializationFailed(a, manifest, e);
      return;
    }
    received++;
    if (compressed) compressedReceived++;
    receivedBytes += h.payloadLength;
    if (!inBatch) countReceived();
    if (remoting.settings().logReceivedMessages() && LOG.isDebugEnabled()) {
      LOG.debug("received message [{}] to [{}] from [{}]", msg, recipient.path(), sender);
    }
    deliver(recipient, msg, sender, a);
  }

  // ------------------------------------------------------------------ compression (spec 8)

  /**
   * The {@code what} (a {@code type}) a compressed tag stands for, its key left in {@link #decompressedKey}; or null
   * after dropping the message (counted, logged) because the table version or the index is unknown here.
   */
  private Object decompress(InboundCompression c, int version, int index, Class<?> type, String what, Association a) {
    InboundCompression.Table t = c == null ? null : c.table(version);
    Object v = t == null ? null : t.value(index);
    if (!type.isInstance(v)) {
      unknownCompressed(a, what + " (table version " + version + ", index " + index + ") that this node cannot resolve: "
          + "unknown on the " + FrameDescriptor.streamName(streamId) + " stream, or from a table of an earlier "
          + "incarnation of this node or one already discarded", what);
      return null;
    }
    decompressedKey = t.key(index);
    return v;
  }

  private void unknownCompressed(Association a, String what, String kind) {
    remoting.counters().increment(Counter.DROPPED_COMPRESSION_UNKNOWN);
    remoting.dropLog().log(Counter.DROPPED_COMPRESSION_UNKNOWN, a == null ? null : a.remoteAddress, "a message with a compressed "
        + what, "compressed:" + kind);
  }

  /** Counts the recipient and sender of an ordinary frame for the peer's actor-ref table; advertises when due. */
  private void countRefs(Association a, InboundCompression refs, String recipientKey, InternalActorRef recipient,
                         String senderKey, ActorRef sender) {
    HitCounter hits = claimHits(refs);
    if (hits == null) return;
    // a key counted before is countable: only a new one has its path checked
    if (!(recipient instanceof EmptyLocalActorRef) && !hits.hitIfCounted(recipientKey, recipient) && countable(recipientKey)) {
      hits.hit(recipientKey, recipient);
    }
    if (sender != null && !hits.hitIfCounted(senderKey, sender) && countable(senderKey)) hits.hit(senderKey, sender);
    if (refs.due()) a.advertiseIfDue(refs, hits);
  }

  /** Counts the manifest of an ordinary frame for the peer's manifest table (never the empty one); advertises when due. */
  private void countManifest(Association a, InboundCompression manifests, String manifest) {
    HitCounter hits = claimHits(manifests);
    if (hits == null) return;
    if (!manifest.isEmpty()) hits.hit(manifest, manifest);
    if (manifests.due()) a.advertiseIfDue(manifests, hits);
  }

  /**
   * The hit counter of {@code c} when this connection may count into it (see {@link InboundCompression#hits}), which
   * is then remembered in place of an earlier one of its kind, so that it is released on close; else null.
   */
  private HitCounter claimHits(InboundCompression c) {
    HitCounter hits = c.hits(this);
    if (hits == null) return null;
    InboundCompression held = c.actorRefs ? countingRefs : countingManifests;
    if (held != c) {
      if (held != null) held.releaseHits(this);
      if (c.actorRefs) countingRefs = c;
      else countingManifests = c;
    }
    return hits;
  }

  /**
   * True for a path worth a table entry: one actor's incarnation (it ends in {@code #uid}), not a temporary ref (asks,
   * used once) and not "none".
   */
  static boolean countable(String path) {
    if (path == null || path.lastIndexOf('#') <= 0) return false;
    int scheme = path.indexOf("://");
    int slash = scheme < 0 ? -1 : path.indexOf('/', scheme + 3);
    return slash > 0 && !path.startsWith("/temp/", slash);
  }

  private void deliver(InternalActorRef recipient, Object msg, ActorRef sender, Association a) {
    if (!remoting.inboundAllowed(recipient, msg, sender, a)) return;
    if (msg instanceof ActorSelectionMessage) {
      countReceived(); // delivered at once: counted first, as the batched deliveries are
      ActorSelection.deliverSelection(recipient, sender, (ActorSelectionMessage) msg);
    } else {
      if (recipient instanceof EmptyLocalActorRef) remoting.counters().increment(Counter.DROPPED_UNKNOWN_RECIPIENT);
      if (inBatch) delivery.tell(recipient, msg, sender);
      else recipient.tell(msg, sender);
    }
  }

  private void deserializationFailed(Association a, String manifest, Throwable e) {
    boolean unknownSerializer = !remoting.serialization().serializerByIdentity().containsKey(h.serializerId);
    Counter c = unknownSerializer ? Counter.DROPPED_UNKNOWN_SERIALIZER : Counter.DROPPED_DESERIALIZATION_FAILED;
    remoting.counters().increment(c);
    String kind = c.name() + ":" + h.serializerId + ":" + manifest;
    remoting.dropLog().log(c, a.remoteAddress, "a message with serializer id [" + h.serializerId + "] and manifest ["
        + manifest + "] (" + e.getMessage() + ")", kind);
  }

  /** The association of the frame's origin when it completed a handshake and is not quarantined; else null (dropped). */
  private Association knownPeer() {
    Association a = associationFor(h.originUid);
    if (a == null) {
      remoting.counters().increment(Counter.DROPPED_UNKNOWN_ORIGIN);
      remoting.dropLog().log(Counter.DROPPED_UNKNOWN_ORIGIN, null, "a message from unknown system UID [" + h.originUid
          + "] on a connection from " + remote, "unknown-origin");
      return null;
    }
    if (remoting.isQuarantined(h.originUid)) {
      remoting.counters().increment(Counter.DROPPED_QUARANTINED);
      remoting.sendQuarantinedNotice(a, remoting.quarantinedAddress(h.originUid));
      return null;
    }
    return a;
  }

  private Association associationFor(long uid) {
    if (lastAssociation != null && lastUid == uid && !lastAssociation.isRemoved()) return lastAssociation;
    Association a = remoting.associationByUid(uid);
    if (a != null) {
      lastAssociation = a;
      lastUid = uid;
    }
    return a;
  }

  /** The local recipient, dead letters for "no recipient", or null after a drop. */
  private InternalActorRef resolveRecipient(String path, Association a) {
    if (path.isEmpty()) return remoting.deadLetters();
    InternalActorRef r = recipients.get(path);
    if (r != null && !r.isTerminated()) return r;
    ActorPath p = ActorPaths.parse(path);
    if (p == null || !remoting.isLocalAddress(p.address())) {
      remoting.counters().increment(Counter.DROPPED_WRONG_ADDRESS);
      remoting.dropLog().log(Counter.DROPPED_WRONG_ADDRESS, a.remoteAddress, "a message for [" + path + "], which is not "
          + "an address of this node (" + remoting.localAddress().address() + "; host names must match exactly)", "wrong-address:" + (p == null ? "malformed" : p.address()));
      return null;
    }
    r = remoting.provider().resolveLocal(p);
    if (recipients.size() >= CACHE_LIMIT) recipients.clear();
    if (!(r instanceof EmptyLocalActorRef)) recipients.put(path, r);
    return r;
  }

  private ActorRef resolveSender(String path) {
    if (path.isEmpty()) return null;
    ActorRef s = senders.get(path);
    if (s != null) return s;
    s = remoting.provider().resolveActorRef(path);
    if (senders.size() >= CACHE_LIMIT) senders.clear();
    senders.put(path, s);
    return s;
  }

  // ------------------------------------------------------------------ control messages

  private void onControl(int stream, ByteBuffer frame) {
    ControlMessage m;
    try {
      m = ControlMessageCodec.decode(h.manifestLiteral, EnvelopeReader.payload(frame, h));
    } catch (MalformedFrameException e) {
      remoting.counters().increment(Counter.DROPPED_DESERIALIZATION_FAILED);
      remoting.dropLog().log(Counter.DROPPED_DESERIALIZATION_FAILED, null, "a control message [" + h.manifestLiteral
          + "] from " + remote + " (" + e.getMessage() + ")", "control:" + h.manifestLiteral);
      return;
    }
    if (m instanceof ControlMessage.HandshakeReq) {
      remoting.onHandshakeReq((ControlMessage.HandshakeReq) m, remote);
    } else if (m instanceof ControlMessage.ActorSystemTerminating) {
      remoting.onActorSystemTerminating((ControlMessage.ActorSystemTerminating) m, h.senderLiteral, stream == FrameDescriptor.CONTROL_STREAM_ID);
    } else if (m instanceof ControlMessage.Flush) {
      remoting.onFlush(h.originUid, h.senderLiteral);
    } else if (m instanceof ControlMessage.ActorSystemTerminatingAck) {
      remoting.onActorSystemTerminatingAck((ControlMessage.ActorSystemTerminatingAck) m);
    } else if (m instanceof ControlMessage.ArteryHeartbeatRsp || m instanceof ControlMessage.FlushAck) {
      // replies addressed to an actor (the remote watcher, a flusher): delivered like user messages
      Association a = knownPeer();
      if (a == null) return;
      InternalActorRef recipient = resolveRecipient(h.recipientLiteral, a);
      if (recipient != null) recipient.tell(m, resolveSender(h.senderLiteral));
    } else if (stream != FrameDescriptor.CONTROL_STREAM_ID) {
      LOG.debug("ignoring control message [{}] on the {} stream from {}", m.manifest(), FrameDescriptor.streamName(stream), remote);
    } else if (m instanceof ControlMessage.SystemMessageEnvelope) {
      Association a = knownPeer();
      if (a == null) return;
      InternalActorRef recipient = resolveRecipient(h.recipientLiteral, a);
      if (recipient == null) return;
      ControlMessage.SystemMessageEnvelope env = (ControlMessage.SystemMessageEnvelope) m;
      a.loop.execute(() -> a.onSystemMessageEnvelope(env, recipient));
    } else {
      remoting.onControl(m, h.originUid);
    }
  }

  int streamId() { return streamId; }
}

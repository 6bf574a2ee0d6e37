package io.troupe.remote.artery;

import io.troupe.actor.ActorRef;
import io.troupe.remote.RemoteActorRef;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.EnvelopeWriter;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.transport.OutboundConnection;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes messages straight into a connection's pooled buffer (the caller has set the serialization transport
 * information for the batch): header, literals, then the payload written by the
 * message's serializer (without an intermediate array for {@link ByteBufferSerializer}s). Runs on the association's
 * I/O thread. A message that cannot be serialized or is larger than the stream's frame limit is dropped alone.
 */
final class OutboundEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundEncoder.class);
  private static final int SMALL_PAYLOAD_GUESS = 1024;

  private final ArteryRemoting remoting;
  private final int maxFrame;
  private final int maxLargeFrame;

  OutboundEncoder(ArteryRemoting remoting) {
    this.remoting = remoting;
    this.maxFrame = remoting.settings().advanced().maximumFrameSize();
    this.maxLargeFrame = remoting.settings().advanced().maximumLargeFrameSize();
  }

  private int limit(int streamId) {
    return streamId == FrameDescriptor.LARGE_STREAM_ID ? maxLargeFrame : maxFrame;
  }

  /** The wire path of a sender: empty for none (dead letters), the full path with our address otherwise. */
  String senderPath(ActorRef sender) {
    if (sender == null || sender == remoting.deadLetters()) return "";
    if (sender instanceof RemoteActorRef) return ((RemoteActorRef) sender).wirePath();
    return sender.path().toSerializationFormatWithAddress(remoting.localAddress().address());
  }

  /** The serializer found last and its class: most traffic repeats one class. Racy but immutable, so safe. */
  private record LastSerializer(Class<?> type, Serializer serializer) {}

  private LastSerializer lastSerializer;

  private Serializer serializerFor(Serialization ser, Object msg) {
    LastSerializer last = lastSerializer;
    if (last != null && msg != null && last.type() == msg.getClass()) return last.serializer();
    Serializer s = ser.findSerializerFor(msg);
    if (msg != null) lastSerializer = new LastSerializer(msg.getClass(), s);
    return s;
  }

  /** Set in {@link #encodeUser}'s result when the frame used at least one compressed tag. */
  static final int COMPRESSED = 1 << 30;

  /**
   * Encodes a user message; returns its payload's size, with {@link #COMPRESSED} set when a tag was compressed, or -1
   * when it was dropped. The caller adds the sent messages and bytes to the counters, once per batch.
   */
  int encodeUser(OutboundConnection c, Association.OutboundEnvelope e, int streamId, Association a) {
    Object msg = e.message();
    Serialization ser = remoting.serialization();
    Serializer s;
    String manifest;
    try {
      s = serializerFor(ser, msg);
      manifest = Serializers.manifestFor(s, msg);
    } catch (RuntimeException ex) {
      remoting.counters().increment(Counter.DROPPED_NO_SERIALIZER);
      remoting.dropLog().log(Counter.DROPPED_NO_SERIALIZER, a.remoteAddress, "message of type [" + msg.getClass().getName()
          + "] (" + ex.getMessage() + ")", "noser:" + msg.getClass().getName());
      return -1;
    }
    String sender = senderPath(e.sender());
    String recipient = e.recipient().wirePath();
    int refVersion = 0, manifestVersion = 0, senderIndex = -1, recipientIndex = -1, manifestIndex = -1;
    if (streamId == FrameDescriptor.ORDINARY_STREAM_ID) {
      // the peer's tables (spec 8): their versions go in every ordinary frame, their indices replace literals (never
      // in control messages, serializer 17, which a peer must always be able to read)
      OutboundCompressionTable refs = a.outboundActorRefTable();
      OutboundCompressionTable manifests = a.outboundManifestTable();
      refVersion = refs.version;
      manifestVersion = manifests.version;
      if (s.identifier() != ControlMessage.SERIALIZER_ID) {
        if (!refs.isEmpty()) {
          if (!sender.isEmpty()) senderIndex = refs.indexOf(sender);
          recipientIndex = refs.indexOf(recipient);
        }
        if (!manifests.isEmpty() && manifest != null && !manifest.isEmpty()) manifestIndex = manifests.indexOf(manifest);
      }
    }
    int limit = limit(streamId);
    byte[] bytes = null;
    int payloadHint;
    if (s instanceof ByteBufferSerializer) {
      payloadHint = msg instanceof byte[] ? ((byte[]) msg).length : msg instanceof String ? ((String) msg).length() * 3 : SMALL_PAYLOAD_GUESS;
    } else {
      try {
        bytes = s.toBinary(msg);
      } catch (RuntimeException ex) {
        serializationFailed(a, msg, ex);
        return -1;
      }
      payloadHint = bytes.length;
    }
    int header = EnvelopeWriter.headerLength(senderIndex < 0 ? sender : null, recipientIndex < 0 ? recipient : null,
        manifestIndex < 0 ? manifest : null);
    if (header + payloadHint > limit) {
      tooLarge(a, msg, header + payloadHint, limit, streamId);
      return -1;
    }
    int want = FrameDescriptor.LENGTH_FIELD_LENGTH + header + payloadHint;
    ByteBuffer b = c.writeBuffer(Math.min(want, limit + FrameDescriptor.LENGTH_FIELD_LENGTH));
    for (int attempt = 0; attempt < 2; attempt++) {
      int start = b.position();
      try {
        int frameStart = EnvelopeWriter.beginFrame(b);
        EnvelopeWriter.writeHeader(b, remoting.localAddress().uid(), s.identifier(), refVersion, manifestVersion, sender,
            senderIndex, recipient, recipientIndex, manifest, manifestIndex);
        int payloadStart = b.position();
        if (bytes != null) {
          b.put(bytes);
        } else {
          ((ByteBufferSerializer) s).toBinary(msg, b);
        }
        int len = EnvelopeWriter.endFrame(b, frameStart);
        if (len > limit) {
          b.position(start);
          tooLarge(a, msg, len, limit, streamId);
          return -1;
        }
        c.commit(b);
        int payload = b.position() - payloadStart;
        remoting.frameSizeLog().observe(msg, payload, e.recipient());
        return senderIndex >= 0 || recipientIndex >= 0 || manifestIndex >= 0 ? payload | COMPRESSED : payload;
      } catch (BufferOverflowException ex) {
        b.position(start);
        if (attempt == 0) {
          b = c.writeBuffer(limit + FrameDescriptor.LENGTH_FIELD_LENGTH);
        } else {
          tooLarge(a, msg, -1, limit, streamId);
          return -1;
        }
      } catch (RuntimeException ex) {
        b.position(start);
        serializationFailed(a, msg, ex);
        return -1;
      }
    }
    return -1;
  }

  private void serializationFailed(Association a, Object msg, Throwable ex) {
    remoting.counters().increment(Counter.DROPPED_SERIALIZATION_FAILED);
    if (remoting.dropLogOnce("serfail:" + msg.getClass().getName())) {
      LOG.warn("[{}] dropping message of type [{}] to [{}]: its serializer failed", remoting.localAddress().address(),
          msg.getClass().getName(), a.remoteAddress, ex);
    }
  }

  private void tooLarge(Association a, Object msg, int size, int limit, int streamId) {
    remoting.counters().increment(Counter.DROPPED_FRAME_TOO_LARGE);
    remoting.dropLog().log(Counter.DROPPED_FRAME_TOO_LARGE, a.remoteAddress, "message of type [" + msg.getClass().getName()
        + "] (" + (size < 0 ? "over " + limit : String.valueOf(size)) + " bytes, limit " + limit + " on the "
        + FrameDescriptor.streamName(streamId) + " stream: raise maximum-frame-size or list the recipient in "
        + "large-message-destinations)", "large:" + msg.getClass().getName());
  }

  /**
   * Encodes a control message (serializer 17). Its tags are always literal; on the ordinary stream the header carries
   * the versions of the tables {@code a} compresses with, as Pekko writes them (spec 2.5).
   */
  void encodeControl(OutboundConnection c, ControlMessage m, String recipient, String sender, Association a) {
    int estimate = EnvelopeWriter.headerLength(sender, recipient, m.manifest()) + 512;
    if (m instanceof ControlMessage.SystemMessageEnvelope) estimate += ((ControlMessage.SystemMessageEnvelope) m).message().length;
    if (m instanceof ControlMessage.CompressionAdvertisement) {
      for (String k : ((ControlMessage.CompressionAdvertisement) m).keys()) estimate += k.length() * 3 + 16;
    }
    ByteBuffer b = c.writeBuffer(FrameDescriptor.LENGTH_FIELD_LENGTH + Math.min(estimate, maxFrame));
    int start = b.position();
    try {
      int frameStart = EnvelopeWriter.beginFrame(b);
      boolean ordinary = c.streamId() == FrameDescriptor.ORDINARY_STREAM_ID;
      EnvelopeWriter.writeHeader(b, remoting.localAddress().uid(), ControlMessage.SERIALIZER_ID,
          ordinary ? a.outboundActorRefTable().version : 0, ordinary ? a.outboundManifestTable().version : 0,
          sender, -1, recipient, -1, m.manifest(), -1);
      ControlMessageCodec.encode(m, b);
      EnvelopeWriter.endFrame(b, frameStart);
      c.commit(b);
    } catch (BufferOverflowException ex) {
      b.position(start);
      LOG.error("[{}] control message {} does not fit in maximum-frame-size {}", remoting.localAddress().address(), m.manifest(), maxFrame);
    }
  }

}

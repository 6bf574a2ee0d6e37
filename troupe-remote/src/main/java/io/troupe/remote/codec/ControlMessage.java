package io.troupe.remote.codec;

import io.troupe.actor.Address;
import io.troupe.remote.UniqueAddress;
import java.util.List;
import java.util.Objects;

/**
 * Artery's control messages (serializer 17, one-letter manifests; spec section 3). Values only; the association
 * layer acts on them.
 */
public sealed interface ControlMessage {
  /** The serializer id of every control message. */
  int SERIALIZER_ID = 17;

  /** The one-letter manifest on the wire. */
  String manifest();

  /** `a`: {@code from} quarantined the incarnation {@code to}. */
  record Quarantined(UniqueAddress from, UniqueAddress to) implements ControlMessage {
    public String manifest() { return "a"; }
  }

  /** `b`: the sending node is terminating. */
  record ActorSystemTerminating(UniqueAddress from) implements ControlMessage {
    public String manifest() { return "b"; }
  }

  /** `c`: the answer to {@link ActorSystemTerminating}. */
  record ActorSystemTerminatingAck(UniqueAddress from) implements ControlMessage {
    public String manifest() { return "c"; }
  }

  /** `d`: the first frame of every outbound connection, and repeated. */
  record HandshakeReq(UniqueAddress from, Address to) implements ControlMessage {
    public String manifest() { return "d"; }
  }

  /** `e`: the answer to every {@link HandshakeReq}. */
  record HandshakeRsp(UniqueAddress from) implements ControlMessage {
    public String manifest() { return "e"; }
  }

  /** `f` (actor refs) or `h` (manifests): a compression table the sender wants the peer to use towards it. */
  record CompressionAdvertisement(boolean actorRefs, UniqueAddress from, long originUid, int tableVersion,
                                  List<String> keys, List<Integer> values) implements ControlMessage {
    public CompressionAdvertisement {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }

    public String manifest() { return actorRefs ? "f" : "h"; }
  }

  /** `g` (actor refs) or `i` (manifests): a table version was accepted. */
  record CompressionAdvertisementAck(boolean actorRefs, UniqueAddress from, int version) implements ControlMessage {
    public String manifest() { return actorRefs ? "g" : "i"; }
  }

  /** `j`: a system message with its sequence number. {@code messageManifest} is null when absent. */
  record SystemMessageEnvelope(byte[] message, int serializerId, String messageManifest, long seqNo,
                               UniqueAddress ackReplyTo) implements ControlMessage {
    public String manifest() { return "j"; }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof SystemMessageEnvelope)) return false;
      SystemMessageEnvelope e = (SystemMessageEnvelope) o;
      return java.util.Arrays.equals(message, e.message) && serializerId == e.serializerId
          && Objects.equals(messageManifest, e.messageManifest) && seqNo == e.seqNo && ackReplyTo.equals(e.ackReplyTo);
    }

    @Override
    public int hashCode() { return Objects.hash(java.util.Arrays.hashCode(message), serializerId, messageManifest, seqNo, ackReplyTo); }

    @Override
    public String toString() {
      return "SystemMessageEnvelope(" + message.length + "B, ser=" + serializerId + ", seq=" + seqNo + ", " + ackReplyTo + ")";
    }
  }

  /** `k` (ack) or `l` (nack): everything up to {@code seqNo} arrived. */
  record SystemMessageDeliveryAck(boolean nack, long seqNo, UniqueAddress from) implements ControlMessage {
    public String manifest() { return nack ? "l" : "k"; }
  }

  /** `m`: a remote-watch heartbeat (empty body; travels inside an actor selection). */
  record ArteryHeartbeat() implements ControlMessage {
    public static final ArteryHeartbeat INSTANCE = new ArteryHeartbeat();

    public String manifest() { return "m"; }
  }

  /** `n`: the answer to a heartbeat, with the responder's UID. */
  record ArteryHeartbeatRsp(long uid) implements ControlMessage {
    public String manifest() { return "n"; }
  }

  /** `o`: asks the receiving stream to acknowledge that everything before it was processed. */
  record Flush() implements ControlMessage {
    public static final Flush INSTANCE = new Flush();

    public String manifest() { return "o"; }
  }

  /** `p`: the answer to {@link Flush}; an empty body means one expected ack. */
  record FlushAck(int expectedAcks) implements ControlMessage {
    public String manifest() { return "p"; }
  }
}

package io.troupe.remote.codec;

import io.troupe.actor.Address;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage.ActorSystemTerminating;
import io.troupe.remote.codec.ControlMessage.ActorSystemTerminatingAck;
import io.troupe.remote.codec.ControlMessage.ArteryHeartbeat;
import io.troupe.remote.codec.ControlMessage.ArteryHeartbeatRsp;
import io.troupe.remote.codec.ControlMessage.CompressionAdvertisement;
import io.troupe.remote.codec.ControlMessage.CompressionAdvertisementAck;
import io.troupe.remote.codec.ControlMessage.Flush;
import io.troupe.remote.codec.ControlMessage.FlushAck;
import io.troupe.remote.codec.ControlMessage.HandshakeReq;
import io.troupe.remote.codec.ControlMessage.HandshakeRsp;
import io.troupe.remote.codec.ControlMessage.Quarantined;
import io.troupe.remote.codec.ControlMessage.SystemMessageDeliveryAck;
import io.troupe.remote.codec.ControlMessage.SystemMessageEnvelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the protobuf bodies of {@link ControlMessage}s (spec 3.1), byte-identical to Pekko: fields in
 * number order, every required field, repeated scalars unpacked (packed accepted on input).
 */
public final class ControlMessageCodec {
  private ControlMessageCodec() {}

  private static final int MAX_ADDRESS = 4096;

  // ------------------------------------------------------------------ encode

  /** Writes the body of {@code m} at the buffer's position. */
  public static void encode(ControlMessage m, ByteBuffer b) {
    if (m instanceof HandshakeReq) {
      HandshakeReq r = (HandshakeReq) m;
      ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> uniqueAddress(x, r.from()));
      ProtoWriter.nested(b, 2, MAX_ADDRESS, x -> address(x, r.to()));
    } else if (m instanceof HandshakeRsp) {
      ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> uniqueAddress(x, ((HandshakeRsp) m).from()));
    } else if (m instanceof ActorSystemTerminating) {
      ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> uniqueAddress(x, ((ActorSystemTerminating) m).from()));
    } else if (m instanceof ActorSystemTerminatingAck) {
      ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> uniqueAddress(x, ((ActorSystemTerminatingAck) m).from()));
    } else if (m instanceof Quarantined) {
      Quarantined q = (Quarantined) m;
      ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> uniqueAddress(x, q.from()));
      ProtoWriter.nested(b, 2, MAX_ADDRESS, x -> uniqueAddress(x, q.to()));
    } else if (m instanceof CompressionAdvertisement) {
      CompressionAdvertisement a = (CompressionAdvertisement) m;
      ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> uniqueAddress(x, a.from()));
      ProtoWriter.uint64(b, 2, a.originUid());
      ProtoWriter.uint32(b, 3, a.tableVersion());
      for (String k : a.keys()) ProtoWriter.string(b, 4, k);
      for (int v : a.values()) ProtoWriter.uint32(b, 5, v);
    } else if (m instanceof CompressionAdvertisementAck) {
      CompressionAdvertisementAck a = (CompressionAdvertisementAck) m;
      ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> uniqueAddress(x, a.from()));
      ProtoWriter.uint32(b, 2, a.version());
    } else if (m instanceof SystemMessageEnvelope) {
      SystemMessageEnvelope e = (SystemMessageEnvelope) m;
      ProtoWriter.bytes(b, 1, e.message());
      ProtoWriter.int32(b, 2, e.serializerId());
      if (e.messageManifest() != null && !e.messageManifest().isEmpty()) {
        ProtoWriter.bytes(b, 3, e.messageManifest().getBytes(StandardCharsets.UTF_8));
      }
      ProtoWriter.uint64(b, 4, e.seqNo());
      ProtoWriter.nested(b, 5, MAX_ADDRESS, x -> uniqueAddress(x, e.ackReplyTo()));
    } else if (m instanceof SystemMessageDeliveryAck) {
      SystemMessageDeliveryAck a = (SystemMessageDeliveryAck) m;
      ProtoWriter.uint64(b, 1, a.seqNo());
      ProtoWriter.nested(b, 2, MAX_ADDRESS, x -> uniqueAddress(x, a.from()));
    } else if (m instanceof ArteryHeartbeatRsp) {
      ProtoWriter.uint64(b, 1, ((ArteryHeartbeatRsp) m).uid());
    } else if (m instanceof FlushAck) {
      ProtoWriter.int32(b, 1, ((FlushAck) m).expectedAcks());
    }
    // ArteryHeartbeat and Flush have empty bodies
  }

  /** Wire {@code Address} (spec 3.1): protocol, system, hostname, port. */
  public static void address(ByteBuffer b, Address a) {
    ProtoWriter.string(b, 1, a.protocol());
    ProtoWriter.string(b, 2, a.system());
    ProtoWriter.string(b, 3, a.getHost().orElseThrow(() -> new IllegalArgumentException("address [" + a + "] has no host")));
    ProtoWriter.uint32(b, 4, a.getPort().orElseThrow(() -> new IllegalArgumentException("address [" + a + "] has no port")));
  }

  public static void uniqueAddress(ByteBuffer b, UniqueAddress u) {
    ProtoWriter.nested(b, 1, MAX_ADDRESS, x -> address(x, u.address()));
    ProtoWriter.uint64(b, 2, u.uid());
  }

  // ------------------------------------------------------------------ decode

  /**
   * Decodes the body of the control message with one-letter {@code manifest}.
   *
   * @throws MalformedFrameException on an unknown manifest or a malformed body
   */
  public static ControlMessage decode(String manifest, ByteBuffer body) {
    if (manifest == null || manifest.length() != 1) {
      throw new MalformedFrameException("unknown control message manifest [" + manifest + "]");
    }
    ProtoReader r = new ProtoReader(body);
    switch (manifest.charAt(0)) {
      case 'a': return quarantined(r);
      case 'b': return new ActorSystemTerminating(messageWithAddress(r, "ActorSystemTerminating"));
      case 'c': return new ActorSystemTerminatingAck(messageWithAddress(r, "ActorSystemTerminatingAck"));
      case 'd': return handshakeReq(r);
      case 'e': return new HandshakeRsp(messageWithAddress(r, "HandshakeRsp"));
      case 'f': return advertisement(r, true);
      case 'h': return advertisement(r, false);
      case 'g': return advertisementAck(r, true);
      case 'i': return advertisementAck(r, false);
      case 'j': return systemMessageEnvelope(r);
      case 'k': return deliveryAck(r, false);
      case 'l': return deliveryAck(r, true);
      case 'm': return ArteryHeartbeat.INSTANCE;
      case 'n': return heartbeatRsp(r);
      case 'o': return Flush.INSTANCE;
      case 'p': return flushAck(r);
      default: throw new MalformedFrameException("unknown control message manifest [" + manifest + "]");
    }
  }

  public static Address readAddress(ProtoReader r) {
    String protocol = null, system = null, host = null;
    int port = -1;
    while (r.next()) {
      switch (r.field()) {
        case 1: protocol = r.string(); break;
        case 2: system = r.string(); break;
        case 3: host = r.string(); break;
        case 4: port = r.uint32(); break;
        default: r.skip();
      }
    }
    if (protocol == null) throw ProtoReader.missing("Address", "protocol");
    if (system == null) throw ProtoReader.missing("Address", "system");
    if (host == null) throw ProtoReader.missing("Address", "hostname");
    if (port < 0 || port > 65535) throw new MalformedFrameException("Address: port [" + port + "] missing or out of range");
    return new Address(protocol, system, host, port);
  }

  public static UniqueAddress readUniqueAddress(ProtoReader r) {
    Address a = null;
    long uid = 0;
    boolean hasUid = false;
    while (r.next()) {
      switch (r.field()) {
        case 1: a = readAddress(r.nested()); break;
        case 2: uid = r.uint64(); hasUid = true; break;
        default: r.skip();
      }
    }
    if (a == null) throw ProtoReader.missing("UniqueAddress", "address");
    if (!hasUid) throw ProtoReader.missing("UniqueAddress", "uid");
    return new UniqueAddress(a, uid);
  }

  private static UniqueAddress messageWithAddress(ProtoReader r, String name) {
    UniqueAddress u = null;
    while (r.next()) {
      if (r.field() == 1) u = readUniqueAddress(r.nested());
      else r.skip();
    }
    if (u == null) throw ProtoReader.missing(name, "address");
    return u;
  }

  private static Quarantined quarantined(ProtoReader r) {
    UniqueAddress from = null, to = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: from = readUniqueAddress(r.nested()); break;
        case 2: to = readUniqueAddress(r.nested()); break;
        default: r.skip();
      }
    }
    if (from == null) throw ProtoReader.missing("Quarantined", "from");
    if (to == null) throw ProtoReader.missing("Quarantined", "to");
    return new Quarantined(from, to);
  }

  private static HandshakeReq handshakeReq(ProtoReader r) {
    UniqueAddress from = null;
    Address to = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: from = readUniqueAddress(r.nested()); break;
        case 2: to = readAddress(r.nested()); break;
        default: r.skip();
      }
    }
    if (from == null) throw ProtoReader.missing("HandshakeReq", "from");
    if (to == null) throw ProtoReader.missing("HandshakeReq", "to");
    return new HandshakeReq(from, to);
  }

  private static CompressionAdvertisement advertisement(ProtoReader r, boolean refs) {
    UniqueAddress from = null;
    long originUid = 0;
    int version = -1;
    List<String> keys = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    while (r.next()) {
      switch (r.field()) {
        case 1: from = readUniqueAddress(r.nested()); break;
        case 2: originUid = r.uint64(); break;
        case 3: version = r.uint32(); break;
        case 4: keys.add(r.string()); break;
        case 5: r.repeatedUint32(values); break;
        default: r.skip();
      }
    }
    if (from == null) throw ProtoReader.missing("CompressionTableAdvertisement", "from");
    if (version < 0) throw ProtoReader.missing("CompressionTableAdvertisement", "tableVersion");
    if (keys.size() != values.size()) {
      throw new MalformedFrameException("CompressionTableAdvertisement: " + keys.size() + " keys but " + values.size() + " values");
    }
    return new CompressionAdvertisement(refs, from, originUid, version, keys, values);
  }

  private static CompressionAdvertisementAck advertisementAck(ProtoReader r, boolean refs) {
    UniqueAddress from = null;
    int version = -1;
    while (r.next()) {
      switch (r.field()) {
        case 1: from = readUniqueAddress(r.nested()); break;
        case 2: version = r.uint32(); break;
        default: r.skip();
      }
    }
    if (from == null) throw ProtoReader.missing("CompressionTableAdvertisementAck", "from");
    if (version < 0) throw ProtoReader.missing("CompressionTableAdvertisementAck", "version");
    return new CompressionAdvertisementAck(refs, from, version);
  }

  private static SystemMessageEnvelope systemMessageEnvelope(ProtoReader r) {
    byte[] message = null;
    Integer serializer = null;
    String manifest = null;
    long seqNo = -1;
    UniqueAddress ackReplyTo = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: message = r.bytes(); break;
        case 2: serializer = r.int32(); break;
        case 3: manifest = new String(r.bytes(), StandardCharsets.UTF_8); break;
        case 4: seqNo = r.uint64(); break;
        case 5: ackReplyTo = readUniqueAddress(r.nested()); break;
        default: r.skip();
      }
    }
    if (message == null) throw ProtoReader.missing("SystemMessageEnvelope", "message");
    if (serializer == null) throw ProtoReader.missing("SystemMessageEnvelope", "serializerId");
    if (seqNo < 0 && seqNo != -1) throw new MalformedFrameException("SystemMessageEnvelope: bad seqNo");
    if (ackReplyTo == null) throw ProtoReader.missing("SystemMessageEnvelope", "ackReplyTo");
    return new SystemMessageEnvelope(message, serializer, manifest, seqNo, ackReplyTo);
  }

  private static SystemMessageDeliveryAck deliveryAck(ProtoReader r, boolean nack) {
    long seqNo = 0;
    boolean hasSeq = false;
    UniqueAddress from = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: seqNo = r.uint64(); hasSeq = true; break;
        case 2: from = readUniqueAddress(r.nested()); break;
        default: r.skip();
      }
    }
    if (!hasSeq) throw ProtoReader.missing("SystemMessageDeliveryAck", "seqNo");
    if (from == null) throw ProtoReader.missing("SystemMessageDeliveryAck", "from");
    return new SystemMessageDeliveryAck(nack, seqNo, from);
  }

  private static ArteryHeartbeatRsp heartbeatRsp(ProtoReader r) {
    Long uid = null;
    while (r.next()) {
      if (r.field() == 1) uid = r.uint64();
      else r.skip();
    }
    if (uid == null) throw ProtoReader.missing("ArteryHeartbeatRsp", "uid");
    return new ArteryHeartbeatRsp(uid);
  }

  private static FlushAck flushAck(ProtoReader r) {
    int expected = 1;
    while (r.next()) {
      if (r.field() == 1) expected = r.int32();
      else r.skip();
    }
    return new FlushAck(expected);
  }
}

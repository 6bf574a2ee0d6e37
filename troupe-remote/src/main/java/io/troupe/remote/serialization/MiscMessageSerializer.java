package io.troupe.remote.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import io.troupe.Done;
import io.troupe.NotUsed;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSelection;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Identify;
import io.troupe.actor.Kill;
import io.troupe.actor.LocalScope;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.Status;
import io.troupe.dispatch.Dispatchers;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.ControlMessageCodec;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.codec.ProtoReader;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.routing.ActorRefRoutee;
import io.troupe.routing.ActorSelectionRoutee;
import io.troupe.routing.Broadcast;
import io.troupe.routing.BroadcastPool;
import io.troupe.routing.FromConfig;
import io.troupe.routing.GetRoutees;
import io.troupe.routing.Pool;
import io.troupe.routing.RandomPool;
import io.troupe.routing.RoundRobinPool;
import io.troupe.routing.Routee;
import io.troupe.routing.RouterConfig;
import io.troupe.routing.Routees;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializerWithStringManifest;
import io.troupe.serialization.internal.Utf8;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's small messages and values, byte for byte Pekko's {@code MiscMessageSerializer} (id 16; spec section
 * 9.3). Manifests:
 *
 * <pre>
 * A     Identify              Identify{Payload messageId = 1}
 * B     ActorIdentity         ActorIdentity{Payload correlationId = 1; optional ActorRef ref = 2}
 * C     scala.Option          read only: no bytes = None, read as null; Option{Payload value = 1} read as Optional
 * H     java.util.Optional    Option{Payload value = 1}; empty: no bytes
 * D, E  Status.Success, .Failure   the Payload of the value, of the exception
 * F     other exceptions      Throwable{...} (ThrowableCodec)
 * G     ActorRef              ActorRef{path = 1}
 * P, K, DONE, NU, LS          PoisonPill, Kill, Done, NotUsed, LocalScope: no bytes
 * RWHB, RWHR                  classic remote-watch heartbeat and response, read only, as the Artery ones
 * AD    Address               AddressData{system = 1; hostname = 2; uint32 port = 3; protocol = 4}
 * UD    UniqueAddress         UniqueAddress{Address{protocol = 1; system = 2; hostname = 3; port = 4} = 1; uid = 2}
 * AIEX, TNSEX                 ActorInitializationException, ThrowableNotSerializableException (ThrowableCodec)
 * RS    RemoteScope           RemoteScope{AddressData node = 1}
 * CF    Config                its concise (JSON) rendering in UTF-8
 * FC    FromConfig            no bytes for the default; else FromConfig{optional Payload resizer = 1;
 *                                                                   optional string routerDispatcher = 2}
 * RORRP, RORP, ROBP           RoundRobinPool, RandomPool, BroadcastPool:
 *                             GenericRoutingPool{uint32 nrOfInstances = 1; optional string routerDispatcher = 2;
 *                                                bool usePoolDispatcher = 3; optional Payload resizer = 4}
 * RORRC RemoteRouterConfig    RemoteRouterConfig{Payload local = 1; repeated AddressData nodes = 2}
 * </pre>
 *
 * <p>The router configs are laid out as Pekko's {@code WireFormats.proto} has them (the field numbers, the router
 * dispatcher left out when it is the default dispatcher, the resizer never written since Troupe has none; a config
 * sent with a resizer is refused). A pool's supervisor strategy is code and has no field: the far side gets the pool's
 * default strategy, as in Pekko. Pekko binds its other pools and groups to this serializer too and has no format for
 * them; Troupe binds SmallestMailboxPool, ConsistentHashingPool and the groups here for the same effect: they cannot
 * be sent, whatever the Java serialization setting.
 *
 * <p>Three manifests are Troupe's own, for messages that Pekko sends only with Java serialization, so that a remote
 * router can be asked and broadcast to: {@code troupe.GetRoutees} (no bytes), {@code troupe.Broadcast} (the Payload
 * of the message) and {@code troupe.Routees}:
 *
 * <pre>
 * message Routees   { repeated Routee routees = 1; }
 * message Routee    { oneof { ActorRef ref = 1; Selection selection = 2; } }   // ActorRefRoutee, ActorSelectionRoutee
 * message Selection { required ActorRef anchor = 1; required string path = 2; }
 * </pre>
 *
 * A Pekko node answers these manifests with "unknown manifest" and drops the message.
 *
 * <p>Null as an {@link Identify} message id or an {@link ActorIdentity} correlation id stands for Scala's {@code None}
 * and is written as Pekko writes {@code None} ({@code Payload{<no bytes>, 16, "C"}}): {@code new Identify(null)} is the
 * {@code Identify(None)} that Pekko's {@code resolveOne} sends, and reads back as {@code Identify(null)}. Elsewhere
 * null is the null serializer's (id 0), as a Pekko Java program writes it. A Pekko {@code Some(x)} is read as
 * {@code Optional.of(x)} (Troupe's type for Scala's {@code Option}) and written back as a {@code java.util.Optional}
 * ({@code H}).
 *
 * <p>Nested values go through the serialization extension ({@link PayloadCodec}); an exception without a serializer
 * of its own (with Java serialization off, any exception not bound to this serializer) is written as a
 * {@link ThrowableNotSerializableException}, as Pekko does. Public only so that configuration can name it.
 */
public final class MiscMessageSerializer extends SerializerWithStringManifest implements ByteBufferSerializer {
  private static final int IDENTIFY = 0, ACTOR_IDENTITY = 1, OPTIONAL = 2, ACTOR_REF = 3, STATUS_SUCCESS = 4,
      STATUS_FAILURE = 5, INIT_EXCEPTION = 6, NOT_SERIALIZABLE = 7, THROWABLE = 8, POISON_PILL = 9, KILL = 10, DONE = 11,
      NOT_USED = 12, ADDRESS = 13, UNIQUE_ADDRESS = 14, LOCAL_SCOPE = 15, REMOTE_SCOPE = 16, CONFIG = 17,
      FROM_CONFIG = 18, ROUND_ROBIN_POOL = 19, RANDOM_POOL = 20, BROADCAST_POOL = 21, REMOTE_ROUTER_CONFIG = 22,
      GET_ROUTEES = 23, ROUTEES = 24, BROADCAST = 25;
  private static final String[] MANIFESTS = {
    "A", "B", "H", "G", "D", "E", "AIEX", "TNSEX", "F", "P", "K", "DONE", "NU", "AD", "UD", "LS", "RS", "CF",
    "FC", "RORRP", "RORP", "ROBP", "RORRC", "troupe.GetRoutees", "troupe.Routees", "troupe.Broadcast"
  };
  static final String OPTION_MANIFEST = "C";

  private static final ConfigParseOptions CONFIG_PARSE = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)
      .setAllowMissing(false).setOriginDescription("remote config");
  private static final ConfigRenderOptions CONFIG_RENDER = ConfigRenderOptions.concise();

  private final int identifier;
  private final PayloadCodec payloads;
  private final ThrowableCodec throwables;

  public MiscMessageSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor(MiscMessageSerializer.class.getName());
    this.payloads = new PayloadCodec(system);
    this.throwables = new ThrowableCodec(payloads);
  }

  @Override public int identifier() { return identifier; }

  private static int kind(Object o) {
    if (o instanceof Identify) return IDENTIFY;
    if (o instanceof ActorIdentity) return ACTOR_IDENTITY;
    if (o instanceof Optional) return OPTIONAL;
    if (o instanceof ActorRef) return ACTOR_REF;
    if (o instanceof Status.Success) return STATUS_SUCCESS;
    if (o instanceof Status.Failure) return STATUS_FAILURE;
    if (o instanceof ActorInitializationException) return INIT_EXCEPTION;
    if (o instanceof ThrowableNotSerializableException) return NOT_SERIALIZABLE;
    if (o instanceof Throwable) return THROWABLE;
    if (o instanceof PoisonPill) return POISON_PILL;
    if (o instanceof Kill) return KILL;
    if (o instanceof Done) return DONE;
    if (o instanceof NotUsed) return NOT_USED;
    if (o instanceof Address) return ADDRESS;
    if (o instanceof UniqueAddress) return UNIQUE_ADDRESS;
    if (o instanceof LocalScope) return LOCAL_SCOPE;
    if (o instanceof RemoteScope) return REMOTE_SCOPE;
    if (o instanceof Config) return CONFIG;
    if (o instanceof RouterConfig) return routerConfigKind((RouterConfig) o);
    if (o instanceof GetRoutees) return GET_ROUTEES;
    if (o instanceof Routees) return ROUTEES;
    if (o instanceof Broadcast) return BROADCAST;
    throw new IllegalArgumentException("Cannot serialize [" + (o == null ? "null" : o.getClass().getName()) + "] with "
        + MiscMessageSerializer.class.getName() + ": bind it to another serializer in troupe.actor.serialization-bindings");
  }

  private static int routerConfigKind(RouterConfig r) {
    if (r instanceof FromConfig) return FROM_CONFIG;
    if (r instanceof RoundRobinPool) return ROUND_ROBIN_POOL;
    if (r instanceof RandomPool) return RANDOM_POOL;
    if (r instanceof BroadcastPool) return BROADCAST_POOL;
    if (r instanceof RemoteRouterConfig) return REMOTE_ROUTER_CONFIG;
    throw new IllegalArgumentException("Cannot serialize router config [" + r.getClass().getName() + "] with "
        + MiscMessageSerializer.class.getName() + ": Pekko's wire format has router configs only for RoundRobinPool, "
        + "RandomPool, BroadcastPool, FromConfig and RemoteRouterConfig (and pools Troupe does not have)");
  }

  @Override
  public String manifest(Object o) {
    return MANIFESTS[kind(o)];
  }

  // ------------------------------------------------------------------ write

  @Override
  public byte[] toBinary(Object o) {
    int kind = kind(o);
    if (kind >= POISON_PILL && kind <= NOT_USED || kind == LOCAL_SCOPE || kind == GET_ROUTEES) return NO_BYTES;
    return EncodeBuffers.toArray(o, this::toBinary);
  }

  @Override
  public void toBinary(Object o, ByteBuffer b) {
    switch (kind(o)) {
      case IDENTIFY: writeIdOrNone(b, 1, ((Identify) o).messageId()); break;
      case ACTOR_IDENTITY: {
        ActorIdentity a = (ActorIdentity) o;
        writeIdOrNone(b, 1, a.correlationId());
        Optional<ActorRef> ref = a.getActorRef();
        if (ref.isPresent()) PayloadCodec.writeActorRef(b, 2, ref.get());
        break;
      }
      case OPTIONAL: {
        Optional<?> opt = (Optional<?>) o;
        if (opt.isPresent()) payloads.writePayload(b, 1, opt.get());
        break;
      }
      case ACTOR_REF:
        ProtoWriter.string(b, PayloadCodec.ACTOR_REF_PATH, Serialization.serializedActorPath((ActorRef) o));
        break;
      case STATUS_SUCCESS: payloads.writePayloadFields(b, ((Status.Success) o).status()); break;
      case STATUS_FAILURE: payloads.writePayloadFields(b, ((Status.Failure) o).cause()); break;
      case INIT_EXCEPTION: throwables.writeInitializationException(b, (ActorInitializationException) o); break;
      case NOT_SERIALIZABLE: ThrowableCodec.writeNotSerializable(b, (ThrowableNotSerializableException) o); break;
      case THROWABLE: throwables.writeThrowable(b, (Throwable) o); break;
      case ADDRESS: writeAddressData(b, (Address) o); break;
      case UNIQUE_ADDRESS: ControlMessageCodec.uniqueAddress(b, (UniqueAddress) o); break;
      case REMOTE_SCOPE: {
        long mark = ProtoWriter.beginNested(b, 1);
        writeAddressData(b, ((RemoteScope) o).node());
        ProtoWriter.endNested(b, mark);
        break;
      }
      case CONFIG: Utf8.encode(((Config) o).root().render(CONFIG_RENDER), b); break;
      case FROM_CONFIG: writeFromConfig(b, (FromConfig) o); break;
      case ROUND_ROBIN_POOL: case RANDOM_POOL: case BROADCAST_POOL: writeGenericRoutingPool(b, (Pool) o); break;
      case REMOTE_ROUTER_CONFIG: writeRemoteRouterConfig(b, (RemoteRouterConfig) o); break;
      case ROUTEES: writeRoutees(b, (Routees) o); break;
      case BROADCAST: payloads.writePayloadFields(b, ((Broadcast) o).message()); break;
      default: break; // the singletons have no bytes
    }
  }

  /** The default (default dispatcher) has no bytes; the supervisor strategy is not sent. */
  private static void writeFromConfig(ByteBuffer b, FromConfig fc) {
    if (!isDefaultDispatcher(fc.routerDispatcher())) ProtoWriter.string(b, 2, fc.routerDispatcher());
  }

  private void writeGenericRoutingPool(ByteBuffer b, Pool p) {
    ProtoWriter.uint32(b, 1, p.nrOfInstances(payloads.system()));
    if (!isDefaultDispatcher(p.routerDispatcher())) ProtoWriter.string(b, 2, p.routerDispatcher());
    ProtoWriter.bool(b, 3, p.usePoolDispatcher());
  }

  private void writeRemoteRouterConfig(ByteBuffer b, RemoteRouterConfig r) {
    payloads.writePayload(b, 1, r.local());
    for (Address node : r.nodes()) {
      long mark = ProtoWriter.beginNested(b, 2);
      writeAddressData(b, node);
      ProtoWriter.endNested(b, mark);
    }
  }

  private static boolean isDefaultDispatcher(String id) { return Dispatchers.DEFAULT_DISPATCHER_ID.equals(id); }

  private static void writeRoutees(ByteBuffer b, Routees routees) {
    for (Routee r : routees.getRoutees()) {
      long mark = ProtoWriter.beginNested(b, 1);
      if (r instanceof ActorRefRoutee) {
        PayloadCodec.writeActorRef(b, 1, ((ActorRefRoutee) r).ref());
      } else if (r instanceof ActorSelectionRoutee) {
        ActorSelection sel = ((ActorSelectionRoutee) r).selection();
        long selMark = ProtoWriter.beginNested(b, 2);
        PayloadCodec.writeActorRef(b, 1, sel.anchor());
        ProtoWriter.string(b, 2, sel.pathString());
        ProtoWriter.endNested(b, selMark);
      } else {
        throw new IllegalArgumentException("Cannot serialize Routees with a routee of type [" + r.getClass().getName()
            + "]: only ActorRefRoutee and ActorSelectionRoutee can be sent to another node");
      }
      ProtoWriter.endNested(b, mark);
    }
  }

  /** A message or correlation id: null is Scala's None, {@code Payload{<no bytes>, 16, "C"}}. */
  private void writeIdOrNone(ByteBuffer b, int field, Object id) {
    if (id != null) {
      payloads.writePayload(b, field, id);
      return;
    }
    long mark = ProtoWriter.beginNested(b, field, 127);
    ProtoWriter.bytes(b, PayloadCodec.ENCLOSED_MESSAGE, NO_BYTES);
    ProtoWriter.int32(b, PayloadCodec.SERIALIZER_ID, identifier);
    ProtoWriter.string(b, PayloadCodec.MESSAGE_MANIFEST, OPTION_MANIFEST);
    ProtoWriter.endNested(b, mark);
  }

  private static final byte[] NO_BYTES = new byte[0];

  private static void writeAddressData(ByteBuffer b, Address a) {
    if (a.hasLocalScope()) {
      throw new IllegalArgumentException("Address [" + a + "] cannot be serialized: it has no host and port (only an "
          + "address reachable over the network can be sent)");
    }
    ProtoWriter.string(b, 1, a.system());
    ProtoWriter.string(b, 2, a.getHost().get());
    ProtoWriter.uint32(b, 3, a.getPort().get());
    ProtoWriter.string(b, 4, a.protocol());
  }

  // ------------------------------------------------------------------ read

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), manifest);
  }

  /**
   * @throws NotSerializableException for an unknown manifest or an enclosed value that cannot be read
   * @throws MalformedFrameException for bytes that are not what the manifest says
   */
  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    switch (manifest) {
      case "A": return new Identify(readSinglePayload(buf, "Identify", "messageId"));
      case "B": return readActorIdentity(new ProtoReader(buf));
      case OPTION_MANIFEST:
        return buf.hasRemaining() ? Optional.ofNullable(readSinglePayload(buf, "Option", "value")) : null;
      case "H":
        return buf.hasRemaining() ? Optional.ofNullable(readSinglePayload(buf, "Option", "value")) : Optional.empty();
      case "D": return new Status.Success(payloads.readPayload(new ProtoReader(buf), "Status.Success"));
      case "E":
        return new Status.Failure(ThrowableCodec.asThrowable(
            payloads.readPayload(new ProtoReader(buf), "Status.Failure"), "Status.Failure"));
      case "F": return throwables.readThrowable(new ProtoReader(buf));
      case "G": return payloads.readActorRef(new ProtoReader(buf), "ActorRef");
      case "P": return PoisonPill.getInstance();
      case "K": return Kill.getInstance();
      case "DONE": return Done.getInstance();
      case "NU": return NotUsed.getInstance();
      case "LS": return LocalScope.getInstance();
      case "RWHB": return ControlMessage.ArteryHeartbeat.INSTANCE;
      case "RWHR": return readHeartbeatRsp(new ProtoReader(buf));
      case "AD": return readAddressData(new ProtoReader(buf));
      case "UD": return ControlMessageCodec.readUniqueAddress(new ProtoReader(buf));
      case "AIEX": return throwables.readInitializationException(new ProtoReader(buf));
      case "TNSEX": return ThrowableCodec.readNotSerializable(new ProtoReader(buf));
      case "RS": return readRemoteScope(new ProtoReader(buf));
      case "CF": return readConfig(buf);
      case "FC": return readFromConfig(new ProtoReader(buf));
      case "RORRP": case "RORP": case "ROBP": return readGenericRoutingPool(new ProtoReader(buf), manifest);
      case "RORRC": return readRemoteRouterConfig(new ProtoReader(buf));
      case "troupe.GetRoutees": return GetRoutees.getInstance();
      case "troupe.Routees": return readRoutees(new ProtoReader(buf));
      case "troupe.Broadcast": {
        Object m = payloads.readPayload(new ProtoReader(buf), "Broadcast");
        if (m == null) throw new MalformedFrameException("Broadcast: the message is null");
        return new Broadcast(m);
      }
      default:
        throw new NotSerializableException("Unknown manifest [" + manifest + "] for " + getClass().getName() + " (id "
            + identifier + "): the sender has a message type this node does not know");
    }
  }

  /** A message whose only field, number 1, is a Payload (Identify, Option). */
  private Object readSinglePayload(ByteBuffer buf, String message, String field) throws NotSerializableException {
    ProtoReader r = new ProtoReader(buf);
    Object value = null;
    boolean seen = false;
    while (r.next()) {
      if (r.field() == 1) {
        value = payloads.readPayload(r.nested(), message + "." + field);
        seen = true;
      } else {
        r.skip();
      }
    }
    if (!seen) throw ProtoReader.missing(message, field);
    return value;
  }

  private ActorIdentity readActorIdentity(ProtoReader r) throws NotSerializableException {
    Object correlationId = null;
    boolean seen = false;
    ActorRef ref = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: correlationId = payloads.readPayload(r.nested(), "ActorIdentity.correlationId"); seen = true; break;
        case 2: ref = payloads.readActorRef(r.nested(), "ActorIdentity.ref"); break;
        default: r.skip();
      }
    }
    if (!seen) throw ProtoReader.missing("ActorIdentity", "correlationId");
    return new ActorIdentity(correlationId, Optional.ofNullable(ref));
  }

  private static ControlMessage.ArteryHeartbeatRsp readHeartbeatRsp(ProtoReader r) {
    Long uid = null;
    while (r.next()) {
      if (r.field() == 1) uid = r.uint64();
      else r.skip();
    }
    if (uid == null) throw ProtoReader.missing("WatcherHeartbeatResponse", "uid");
    return new ControlMessage.ArteryHeartbeatRsp(uid);
  }

  static Address readAddressData(ProtoReader r) {
    String system = null, host = null, protocol = "";
    long port = -1;
    while (r.next()) {
      switch (r.field()) {
        case 1: system = r.string(); break;
        case 2: host = r.string(); break;
        case 3: port = r.uint64(); break;
        case 4: protocol = r.string(); break;
        default: r.skip();
      }
    }
    if (system == null) throw ProtoReader.missing("AddressData", "system");
    if (host == null) return new Address(protocol, system);
    if (port < 0 || port > 65535) throw new MalformedFrameException("AddressData: port [" + port + "] missing or out of range");
    return new Address(protocol, system, host, (int) port);
  }

  private static RemoteScope readRemoteScope(ProtoReader r) {
    Address node = null;
    while (r.next()) {
      if (r.field() == 1) node = readAddressData(r.nested());
      else r.skip();
    }
    if (node == null) throw ProtoReader.missing("RemoteScope", "node");
    return new RemoteScope(node);
  }

  private static FromConfig readFromConfig(ProtoReader r) throws NotSerializableException {
    String dispatcher = Dispatchers.DEFAULT_DISPATCHER_ID;
    while (r.next()) {
      switch (r.field()) {
        case 1: throw resizerRefused("FromConfig");
        case 2: dispatcher = r.string(); break;
        default: r.skip();
      }
    }
    return isDefaultDispatcher(dispatcher) ? FromConfig.getInstance() : FromConfig.getInstance().withDispatcher(dispatcher);
  }

  /** A pool as Pekko reads it: the default supervisor strategy, the default dispatcher unless one is given. */
  private static Pool readGenericRoutingPool(ProtoReader r, String manifest) throws NotSerializableException {
    long nr = -1;
    String dispatcher = Dispatchers.DEFAULT_DISPATCHER_ID;
    Boolean usePoolDispatcher = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: nr = r.uint64(); break;
        case 2: dispatcher = r.string(); break;
        case 3: usePoolDispatcher = r.bool(); break;
        case 4: throw resizerRefused("GenericRoutingPool (" + manifest + ")");
        default: r.skip();
      }
    }
    if (nr < 0) throw ProtoReader.missing("GenericRoutingPool", "nrOfInstances");
    if (nr > Integer.MAX_VALUE) throw new MalformedFrameException("GenericRoutingPool: nrOfInstances [" + nr + "] is out of range");
    if (usePoolDispatcher == null) throw ProtoReader.missing("GenericRoutingPool", "usePoolDispatcher");
    int n = (int) nr;
    switch (manifest) {
      case "RORRP": return new RoundRobinPool(n, Pool.DEFAULT_SUPERVISOR_STRATEGY, dispatcher, usePoolDispatcher);
      case "RORP": return new RandomPool(n, Pool.DEFAULT_SUPERVISOR_STRATEGY, dispatcher, usePoolDispatcher);
      default: return new BroadcastPool(n, Pool.DEFAULT_SUPERVISOR_STRATEGY, dispatcher, usePoolDispatcher);
    }
  }

  private static NotSerializableException resizerRefused(String what) {
    return new NotSerializableException(what + ": the router config was sent with a resizer, and Troupe has no "
        + "resizers; deploy it without one");
  }

  private RemoteRouterConfig readRemoteRouterConfig(ProtoReader r) throws NotSerializableException {
    Object local = null;
    boolean seen = false;
    List<Address> nodes = new ArrayList<>();
    while (r.next()) {
      switch (r.field()) {
        case 1: local = payloads.readPayload(r.nested(), "RemoteRouterConfig.local"); seen = true; break;
        case 2: {
          Address a = readAddressData(r.nested());
          if (a.hasLocalScope()) throw new MalformedFrameException("RemoteRouterConfig: node [" + a + "] has no host and port");
          nodes.add(a);
          break;
        }
        default: r.skip();
      }
    }
    if (!seen) throw ProtoReader.missing("RemoteRouterConfig", "local");
    if (!(local instanceof Pool) || local instanceof RemoteRouterConfig) {
      throw new NotSerializableException("RemoteRouterConfig.local: expected a pool, got "
          + (local == null ? "null" : "a [" + local.getClass().getName() + "]"));
    }
    if (nodes.isEmpty()) throw new MalformedFrameException("RemoteRouterConfig: no nodes");
    return new RemoteRouterConfig((Pool) local, nodes);
  }

  private Routees readRoutees(ProtoReader r) {
    List<Routee> routees = new ArrayList<>();
    while (r.next()) {
      if (r.field() == 1) routees.add(readRoutee(r.nested()));
      else r.skip();
    }
    return new Routees(routees);
  }

  private Routee readRoutee(ProtoReader r) {
    Routee routee = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: routee = new ActorRefRoutee(payloads.readActorRef(r.nested(), "Routee.ref")); break;
        case 2: routee = readSelectionRoutee(r.nested()); break;
        default: r.skip();
      }
    }
    if (routee == null) throw ProtoReader.missing("Routee", "ref or selection");
    return routee;
  }

  private Routee readSelectionRoutee(ProtoReader r) {
    ActorRef anchor = null;
    String path = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: anchor = payloads.readActorRef(r.nested(), "Routee.selection.anchor"); break;
        case 2: path = r.string(); break;
        default: r.skip();
      }
    }
    if (anchor == null) throw ProtoReader.missing("Routee.selection", "anchor");
    if (path == null) throw ProtoReader.missing("Routee.selection", "path");
    if (!(anchor instanceof io.troupe.actor.internal.InternalActorRef)) {
      throw new MalformedFrameException("Routee.selection: anchor [" + anchor.path() + "] is not a ref of this system");
    }
    try {
      return new ActorSelectionRoutee(ActorSelection.apply(anchor, path));
    } catch (RuntimeException e) {
      throw new MalformedFrameException("Routee.selection: path [" + path + "] is not a selection path: " + e.getMessage(), e);
    }
  }

  private static Config readConfig(ByteBuffer buf) throws NotSerializableException {
    if (!buf.hasRemaining()) return ConfigFactory.empty();
    String text = Utf8.decode(buf.duplicate());
    try {
      // JSON only, which is what the sender renders: HOCON's include would let a peer make this node read files and URLs
      return ConfigFactory.parseString(text, CONFIG_PARSE);
    } catch (ConfigException e) {
      NotSerializableException n = new NotSerializableException("Config: not a JSON object: " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }
}

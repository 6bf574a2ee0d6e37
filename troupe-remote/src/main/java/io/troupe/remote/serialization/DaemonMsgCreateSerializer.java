package io.troupe.remote.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Deploy;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.NoScopeGiven;
import io.troupe.actor.Props;
import io.troupe.actor.Scope;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.codec.ProtoReader;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.routing.NoRouter;
import io.troupe.routing.RouterConfig;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.SerializerWithStringManifest;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remote deployment, byte for byte Pekko's {@code DaemonMsgCreateSerializer} (id 3, no manifest; spec section 9.4):
 *
 * <pre>
 * message DaemonMsgCreateData { required PropsData props = 1; required DeployData deploy = 2;
 *                               required string path = 3; required ActorRefData supervisor = 4; }
 * message PropsData { required DeployData deploy = 2; required string clazz = 3;
 *                     repeated bytes args = 4;            // each by its own serializer
 *                     repeated string manifests = 5;      // string manifest, or the class name ("null" for null)
 *                     repeated int32 serializerIds = 6;   // unpacked
 *                     repeated bool hasManifest = 7; }    // unpacked; the serializer's includeManifest
 * message DeployData { required string path = 1; optional bytes config = 2; optional bytes routerConfig = 3;
 *                      optional bytes scope = 4; optional string dispatcher = 5;
 *                      optional int32 scopeSerializerId = 6; optional string scopeManifest = 7;
 *                      optional int32 configSerializerId = 8; optional string configManifest = 9;
 *                      optional int32 routerConfigSerializerId = 10; optional string routerConfigManifest = 11;
 *                      repeated string tags = 12; }
 * message ActorRefData { required string path = 1; }
 * </pre>
 *
 * The config is always written (16/{@code CF}); the router config only when there is a router; the scope only when
 * one was given (16/{@code RS} or 16/{@code LS}); the dispatcher only when one was given. The mailbox does not travel
 * (Pekko's format has no field for it), and tags are read and dropped (Troupe's Deploy has none).
 *
 * <p>Reading rebuilds the Props with {@code Props.create(Class, args...)}, loading the class by name from the system's
 * class loader without initialising it; a class that is missing, or is not an actor, fails with a
 * {@link NotSerializableException} naming it. Arguments written in the pre-serializer-id format need Java
 * serialization and are refused. Props made from a {@code Creator} cannot be sent (they would need Java
 * serialization): use {@code Props.create(Class, args...)} for actors deployed remotely. Public only so that
 * configuration can name it.
 */
public final class DaemonMsgCreateSerializer implements Serializer, ByteBufferSerializer {
  private final int identifier;
  private final PayloadCodec payloads;

  public DaemonMsgCreateSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor(DaemonMsgCreateSerializer.class.getName());
    this.payloads = new PayloadCodec(system);
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    return EncodeBuffers.toArray(o, this::toBinary);
  }

  /**
   * @throws IllegalArgumentException when {@code o} is not a {@link DaemonMsgCreate}, its Props has a Creator, or an
   *     argument, the config, the scope or the router config has no serializer
   */
  @Override
  public void toBinary(Object o, ByteBuffer b) {
    if (!(o instanceof DaemonMsgCreate)) {
      throw new IllegalArgumentException("Cannot serialize [" + (o == null ? "null" : o.getClass().getName()) + "] with "
          + getClass().getName() + ": it only serializes " + DaemonMsgCreate.class.getName());
    }
    DaemonMsgCreate m = (DaemonMsgCreate) o;
    Props props = m.props();
    if (props.creator() != null) {
      throw new IllegalArgumentException("Cannot deploy [" + props.actorClass().getName() + "] to [" + m.path()
          + "]: its Props was made from a Creator, which only Java serialization could send. Use Props.create(Class, "
          + "args...) with arguments that have serializers for actors deployed remotely");
    }
    long propsMark = ProtoWriter.beginNested(b, 1);
    writeDeploy(b, 2, props.deploy());
    ProtoWriter.string(b, 3, props.actorClass().getName());
    List<Object> args = props.args();
    int n = args.size();
    if (n > 0) {
      Serialization serialization = payloads.serialization();
      Serializer[] serializers = new Serializer[n];
      for (int i = 0; i < n; i++) {
        Object arg = args.get(i);
        serializers[i] = serialization.findSerializerFor(arg);
        PayloadCodec.writeEnclosed(b, 4, serializers[i], arg);
      }
      for (int i = 0; i < n; i++) ProtoWriter.string(b, 5, pekkoManifest(serializers[i], args.get(i)));
      for (int i = 0; i < n; i++) ProtoWriter.int32(b, 6, serializers[i].identifier());
      for (int i = 0; i < n; i++) ProtoWriter.bool(b, 7, serializers[i].includeManifest());
    }
    ProtoWriter.endNested(b, propsMark);
    writeDeploy(b, 2, m.deploy());
    ProtoWriter.string(b, 3, m.path());
    PayloadCodec.writeActorRef(b, 4, m.supervisor());
  }

  private void writeDeploy(ByteBuffer b, int field, Deploy d) {
    Serialization serialization = payloads.serialization();
    long mark = ProtoWriter.beginNested(b, field);
    ProtoWriter.string(b, 1, d.path());
    Config config = d.config();
    Serializer configSerializer = serialization.findSerializerFor(config);
    PayloadCodec.writeEnclosed(b, 2, configSerializer, config);
    RouterConfig router = d.routerConfig();
    Serializer routerSerializer = null;
    if (!(router instanceof NoRouter)) {
      routerSerializer = serialization.findSerializerFor(router);
      PayloadCodec.writeEnclosed(b, 3, routerSerializer, router);
    }
    Scope scope = d.scope();
    Serializer scopeSerializer = null;
    if (!(scope instanceof NoScopeGiven)) {
      scopeSerializer = serialization.findSerializerFor(scope);
      PayloadCodec.writeEnclosed(b, 4, scopeSerializer, scope);
    }
    if (!d.dispatcher().isEmpty()) ProtoWriter.string(b, 5, d.dispatcher());
    if (scopeSerializer != null) {
      ProtoWriter.int32(b, 6, scopeSerializer.identifier());
      ProtoWriter.string(b, 7, pekkoManifest(scopeSerializer, scope));
    }
    ProtoWriter.int32(b, 8, configSerializer.identifier());
    ProtoWriter.string(b, 9, pekkoManifest(configSerializer, config));
    if (routerSerializer != null) {
      ProtoWriter.int32(b, 10, routerSerializer.identifier());
      ProtoWriter.string(b, 11, pekkoManifest(routerSerializer, router));
    }
    ProtoWriter.endNested(b, mark);
  }

  /**
   * The manifest Pekko writes here: the string manifest, or else always the class name (older nodes expect it;
   * {@code hasManifest} says whether it counts), {@code "null"} for null, and {@code java.io.Serializable} for a
   * lambda.
   */
  private static String pekkoManifest(Serializer s, Object o) {
    if (s instanceof SerializerWithStringManifest) return ((SerializerWithStringManifest) s).manifest(o);
    if (o == null) return "null";
    Class<?> c = o.getClass();
    String name = c.getName();
    if (o instanceof java.io.Serializable && c.isSynthetic() && name.contains("$Lambda$")) {
      return java.io.Serializable.class.getName();
    }
    return name;
  }

  // ------------------------------------------------------------------ read

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), "");
  }

  /**
   * @throws NotSerializableException when the actor class is unknown or not an actor, an argument, the config, scope
   *     or router config cannot be read, or the message uses the old Java-serialized format
   * @throws MalformedFrameException for bytes that are not a DaemonMsgCreateData
   */
  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    ProtoReader r = new ProtoReader(buf);
    ProtoReader propsData = null, deployData = null;
    String path = null, supervisorPath = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: propsData = r.nested(); break;
        case 2: deployData = r.nested(); break;
        case 3: path = r.string(); break;
        case 4: supervisorPath = PayloadCodec.readActorRefPath(r.nested(), "DaemonMsgCreateData.supervisor"); break;
        default: r.skip();
      }
    }
    if (propsData == null) throw ProtoReader.missing("DaemonMsgCreateData", "props");
    if (deployData == null) throw ProtoReader.missing("DaemonMsgCreateData", "deploy");
    if (path == null) throw ProtoReader.missing("DaemonMsgCreateData", "path");
    if (supervisorPath == null) throw ProtoReader.missing("DaemonMsgCreateData", "supervisor");
    Props props = readProps(propsData, path);
    Deploy deploy = readDeploy(deployData, "DaemonMsgCreateData.deploy");
    ActorRef supervisor = payloads.resolve(supervisorPath);
    return new DaemonMsgCreate(props, deploy, path, supervisor);
  }

  private Props readProps(ProtoReader r, String path) throws NotSerializableException {
    ProtoReader deployData = null;
    String clazz = null;
    List<ByteBuffer> args = new ArrayList<>(0);
    List<String> manifests = new ArrayList<>(0);
    List<Integer> serializerIds = new ArrayList<>(0);
    List<Integer> hasManifest = new ArrayList<>(0);
    while (r.next()) {
      switch (r.field()) {
        case 2: deployData = r.nested(); break;
        case 3: clazz = r.string(); break;
        case 4: args.add(r.slice()); break;
        case 5: manifests.add(r.string()); break;
        case 6: r.repeatedUint32(serializerIds); break;
        case 7: r.repeatedUint32(hasManifest); break;
        default: r.skip();
      }
    }
    if (deployData == null) throw ProtoReader.missing("PropsData", "deploy");
    if (clazz == null) throw ProtoReader.missing("PropsData", "clazz");
    Deploy deploy = readDeploy(deployData, "PropsData.deploy");
    if (!args.isEmpty() && serializerIds.isEmpty()) {
      throw new NotSerializableException("DaemonMsgCreate for [" + path + "]: the constructor arguments of [" + clazz
          + "] are in the old wire format without serializer ids, which needs Java serialization; not supported");
    }
    int n = serializerIds.size();
    if (args.size() != n) {
      throw new MalformedFrameException("PropsData: " + args.size() + " args but " + n + " serializerIds");
    }
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      boolean withManifest = i < hasManifest.size() && hasManifest.get(i) != 0;
      if (withManifest && i >= manifests.size()) {
        throw new MalformedFrameException("PropsData: hasManifest[" + i + "] is set but there are only "
            + manifests.size() + " manifests");
      }
      values[i] = payloads.deserialize(args.get(i), serializerIds.get(i), withManifest ? manifests.get(i) : "",
          "PropsData.args[" + i + "]");
    }
    Class<?> actorClass;
    try {
      // not initialised: nothing of the class runs before Props.create has checked it is an actor
      actorClass = Class.forName(clazz, false, payloads.system().classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      NotSerializableException x = new NotSerializableException("DaemonMsgCreate for [" + path + "]: actor class ["
          + clazz + "] not found on this node's class path; deploy only classes both nodes have");
      x.initCause(e);
      throw x;
    }
    try {
      return Props.create(actorClass, values).withDeploy(deploy);
    } catch (IllegalArgumentException e) {
      NotSerializableException x = new NotSerializableException("DaemonMsgCreate for [" + path + "]: cannot make Props "
          + "of [" + clazz + "]: " + e.getMessage());
      x.initCause(e);
      throw x;
    }
  }

  private Deploy readDeploy(ProtoReader r, String where) throws NotSerializableException {
    String path = null, dispatcher = "";
    ByteBuffer config = null, routerConfig = null, scope = null;
    Integer configId = null, routerId = null, scopeId = null;
    String configManifest = "", routerManifest = "", scopeManifest = "";
    while (r.next()) {
      switch (r.field()) {
        case 1: path = r.string(); break;
        case 2: config = r.slice(); break;
        case 3: routerConfig = r.slice(); break;
        case 4: scope = r.slice(); break;
        case 5: dispatcher = r.string(); break;
        case 6: scopeId = r.int32(); break;
        case 7: scopeManifest = r.string(); break;
        case 8: configId = r.int32(); break;
        case 9: configManifest = r.string(); break;
        case 10: routerId = r.int32(); break;
        case 11: routerManifest = r.string(); break;
        default: r.skip(); // 12: tags, which Troupe's Deploy does not have
      }
    }
    if (path == null) throw ProtoReader.missing(where, "path");
    Config c = config == null ? ConfigFactory.empty()
        : nested(config, configId, configManifest, Config.class, where + ".config");
    RouterConfig rc = routerConfig == null ? NoRouter.getInstance()
        : nested(routerConfig, routerId, routerManifest, RouterConfig.class, where + ".routerConfig");
    Scope s = scope == null ? NoScopeGiven.getInstance() : nested(scope, scopeId, scopeManifest, Scope.class, where + ".scope");
    return new Deploy(path, c, rc, s, dispatcher, "");
  }

  private <T> T nested(ByteBuffer bytes, Integer serializerId, String manifest, Class<T> type, String where)
      throws NotSerializableException {
    if (serializerId == null) {
      throw new NotSerializableException(where + ": no serializer id (the old wire format, which needs Java "
          + "serialization); not supported");
    }
    Object o = payloads.deserialize(bytes, serializerId, manifest, where);
    if (!type.isInstance(o)) {
      throw new NotSerializableException(where + ": expected a " + type.getName() + ", got "
          + (o == null ? "null" : "a [" + o.getClass().getName() + "]"));
    }
    return type.cast(o);
  }
}

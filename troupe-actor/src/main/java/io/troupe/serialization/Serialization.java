package io.troupe.serialization;

import io.troupe.ConfigurationException;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Extension;
import io.troupe.event.LogMarkers;
import java.io.NotSerializableException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serialization extension of one actor system ({@link SerializationExtension#get}): finds the serializer for an
 * object, serializes and deserializes. As Pekko's {@code Serialization}, except that {@link #serialize} and
 * {@link #deserialize} return their result or throw instead of returning a Scala {@code Try}.
 *
 * <p>Design note. Everything is decided when the system starts: the serializers named in
 * {@code troupe.actor.serializers} are created once, their ids checked for clashes, and the classes of
 * {@code troupe.actor.serialization-bindings} loaded; any mistake fails {@code ActorSystem.create} with a
 * {@link ConfigurationException} naming the key. Afterwards the object is immutable apart from two caches: class to
 * serializer (filled on first use of each class) and manifest to class. Both are concurrent maps, so any thread may
 * call any method; the hot path ({@link #findSerializerFor}, {@link #deserialize} by id) is one map or array lookup.
 *
 * <p>Which serializer a class gets: of the bound classes and interfaces it is assignable to, the most specific. When
 * several unrelated ones match with different serializers, Java serialization loses (so a {@code Serializable} message
 * bound to Jackson through an interface gets Jackson); if that leaves more than one, the class is ambiguous and
 * serializing it fails, naming the candidates (Pekko logs a warning and picks one; Troupe refuses to guess, because
 * the pick would depend on the order of a hash map). Bind the class itself, or a common subtype, to settle it.
 */
public class Serialization implements Extension {
  private static final Logger LOG = LoggerFactory.getLogger(Serialization.class);
  private static final ThreadLocal<Information> CURRENT_TRANSPORT_INFORMATION = new ThreadLocal<>();
  private static final int QUICK_IDS = 1024;

  /**
   * What serializers of actor refs need to know: the address to put into paths of local refs, and the system. Set on
   * the calling thread during {@link #serialize} and {@link #deserialize}, and by remoting around its own calls.
   */
  public record Information(Address address, ActorSystem system) {}

  /** One entry of {@code serialization-bindings}. */
  private record Binding(Class<?> type, String name, Serializer serializer) {}

  private final ExtendedActorSystem system;
  private final SerializationSettings settings;
  private final Map<String, Serializer> serializersByName;
  private final IdentityHashMap<Serializer, String> namesBySerializer = new IdentityHashMap<>();
  private final Map<Integer, Serializer> serializerByIdentity;
  private final Serializer[] quickSerializerByIdentity = new Serializer[QUICK_IDS];
  private final List<Binding> bindings;
  private final ConcurrentHashMap<Class<?>, Serializer> serializerMap = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Optional<Class<?>>> manifestCache = new ConcurrentHashMap<>();
  private volatile Information information;

  /**
   * Creates the serializers and loads the bindings of {@code system}'s settings.
   *
   * @throws ConfigurationException naming the key when a serializer cannot be created, two serializers share an id,
   *     or a bound class cannot be loaded
   */
  public Serialization(ExtendedActorSystem system) {
    this.system = system;
    this.settings = system.settings().serialization();
    if (settings.allowJavaSerialization()) {
      LOG.warn(LogMarkers.SECURITY, "[{}] {} = on: Java serialization is enabled. A peer that can send messages to "
          + "this node can make it instantiate any serializable class on the class path, which can lead to remote code "
          + "execution. Use it only between fully trusted nodes; prefer Jackson or your own serializers.",
          system.name(), SerializationSettings.ALLOW_JAVA);
    }
    Map<String, Serializer> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.serializers().entrySet()) {
      Serializer s = createSerializer(e.getKey(), e.getValue());
      byName.put(e.getKey(), s);
      namesBySerializer.putIfAbsent(s, e.getKey());
    }
    this.serializersByName = Collections.unmodifiableMap(byName);
    this.serializerByIdentity = Collections.unmodifiableMap(indexByIdentity(byName));
    for (Map.Entry<Integer, Serializer> e : serializerByIdentity.entrySet()) {
      int id = e.getKey();
      if (id >= 0 && id < QUICK_IDS) quickSerializerByIdentity[id] = e.getValue();
    }
    this.bindings = loadBindings(byName);
    for (Binding b : bindings) serializerMap.put(b.type(), b.serializer());
  }

  // ------------------------------------------------------------------ startup

  private Serializer createSerializer(String name, String fqcn) {
    String key = SerializationSettings.SERIALIZERS + "." + name + " = \"" + fqcn + "\"";
    String cls = fqcn;
    if (!settings.allowJavaSerialization() && fqcn.equals(JavaSerializer.class.getName())) {
      LOG.debug("Replacing {} with {}: {} = off", fqcn, DisabledJavaSerializer.class.getName(), SerializationSettings.ALLOW_JAVA);
      cls = DisabledJavaSerializer.class.getName();
    }
    Class<?> k;
    try {
      k = Class.forName(cls, true, system.classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(key + ": class not found (check the name and that its module is on the class path)", e);
    }
    if (!Serializer.class.isAssignableFrom(k)) {
      throw new ConfigurationException(key + ": the class does not implement " + Serializer.class.getName());
    }
    Serializer s = instantiate(k, name, key);
    if (!settings.allowJavaSerialization() && s instanceof JavaSerializer) {
      throw new ConfigurationException(key + ": a Java serializer while " + SerializationSettings.ALLOW_JAVA + " = off");
    }
    return s;
  }

  /** Pekko's constructor order: (ExtendedActorSystem), (), (ExtendedActorSystem, String bindingName). */
  private Serializer instantiate(Class<?> k, String name, String key) {
    Constructor<?> c;
    Object[] args;
    if ((c = constructor(k, ExtendedActorSystem.class)) != null) {
      args = new Object[] {system};
    } else if ((c = constructor(k)) != null) {
      args = new Object[0];
    } else if ((c = constructor(k, ExtendedActorSystem.class, String.class)) != null) {
      args = new Object[] {system, name};
    } else {
      throw new ConfigurationException(key + ": no public constructor taking (ExtendedActorSystem), () or "
          + "(ExtendedActorSystem, String bindingName)");
    }
    try {
      return (Serializer) c.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new ConfigurationException(key + ": the constructor failed: " + cause.getMessage(), cause);
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException(key + ": cannot be instantiated: " + e, e);
    }
  }

  private static Constructor<?> constructor(Class<?> k, Class<?>... params) {
    try {
      return k.getConstructor(params);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private Map<Integer, Serializer> indexByIdentity(Map<String, Serializer> byName) {
    Map<Integer, Serializer> byId = new TreeMap<>();
    Map<Integer, String> owner = new TreeMap<>();
    byId.put(NullSerializer.INSTANCE.identifier(), NullSerializer.INSTANCE);
    owner.put(NullSerializer.INSTANCE.identifier(), "the built-in NullSerializer");
    for (Map.Entry<String, Serializer> e : byName.entrySet()) {
      Serializer s = e.getValue();
      int id;
      try {
        id = s.identifier();
      } catch (RuntimeException ex) {
        throw new ConfigurationException(SerializationSettings.SERIALIZERS + "." + e.getKey() + ": identifier() failed: "
            + ex.getMessage(), ex);
      }
      Serializer existing = byId.get(id);
      if (existing == null) {
        byId.put(id, s);
        owner.put(id, SerializationSettings.SERIALIZERS + "." + e.getKey());
      } else if (existing.getClass() != s.getClass()) {
        throw new ConfigurationException("Serializer id [" + id + "] is not unique: " + SerializationSettings.SERIALIZERS
            + "." + e.getKey() + " (" + s.getClass().getName() + ") and " + owner.get(id) + " ("
            + existing.getClass().getName() + ") both have it. Give one another id (in "
            + SerializationSettings.IDENTIFIERS + " for serializers that read it from there); 0 to 40 are reserved");
      }
      // the same class under two names is an alias: the first name owns the id
    }
    return byId;
  }

  private List<Binding> loadBindings(Map<String, Serializer> byName) {
    List<Binding> sorted = new ArrayList<>();
    for (Map.Entry<String, String> e : settings.bindings().entrySet()) {
      String className = e.getKey();
      Class<?> type;
      try {
        type = Class.forName(className, false, system.classLoader());
      } catch (ClassNotFoundException | LinkageError ex) {
        throw new ConfigurationException(SerializationSettings.key(SerializationSettings.BINDINGS, className) + " = "
            + e.getValue() + ": class not found (use the binary name, e.g. com.example.Outer$Inner; set the binding to "
            + "\"none\" to remove it)", ex);
      }
      Binding b = new Binding(type, e.getValue(), byName.get(e.getValue()));
      // subtypes before their supertypes, otherwise in configured (sorted) order
      int at = -1;
      for (int i = 0; i < sorted.size(); i++) {
        if (sorted.get(i).type().isAssignableFrom(type)) {
          at = i;
          break;
        }
      }
      if (at < 0) sorted.add(b);
      else sorted.add(at, b);
    }
    return Collections.unmodifiableList(sorted);
  }

  // ------------------------------------------------------------------ lookup

  /**
   * The serializer for {@code o}; {@link NullSerializer} for null.
   *
   * @throws IllegalArgumentException when no serializer is bound for its class, or the binding is ambiguous; the
   *     message names the class and the setting to change (the {@link NotSerializableException} of
   *     {@link #serializerFor} is the cause). Pekko throws that exception undeclared; Troupe keeps the method free of
   *     checked exceptions, as Pekko's Java signature is.
   */
  public Serializer findSerializerFor(Object o) {
    if (o == null) return NullSerializer.INSTANCE;
    Serializer s = serializerMap.get(o.getClass());
    if (s != null) return s;
    try {
      return serializerFor(o.getClass());
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The serializer bound to {@code clazz}: the binding of the most specific class or interface it is assignable to.
   *
   * @throws NotSerializableException when none is bound, or when the binding is ambiguous; the message names the class
   *     and the setting to change
   */
  public Serializer serializerFor(Class<?> clazz) throws NotSerializableException {
    Serializer s = serializerMap.get(clazz);
    if (s != null) return s;
    s = resolve(clazz);
    Serializer prev = serializerMap.putIfAbsent(clazz, s);
    if (prev != null) return prev;
    if (shouldWarnAboutJavaSerializer(clazz, s)) {
      LOG.warn(LogMarkers.SECURITY, "Using the Java serializer for class [{}], which is neither fast nor safe. Bind "
          + "another serializer for it in {}, or silence this warning with {} = off", clazz.getName(),
          SerializationSettings.BINDINGS, SerializationSettings.WARN_JAVA);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("Using serializer [{}] for class [{}]", nameOf(s), clazz.getName());
    }
    return s;
  }

  private Serializer resolve(Class<?> clazz) throws NotSerializableException {
    List<Binding> candidates = new ArrayList<>(2);
    for (Binding b : bindings) if (b.type().isAssignableFrom(clazz)) candidates.add(b);
    if (candidates.isEmpty()) {
      throw new NotSerializableException("No serializer is bound for class [" + clazz.getName() + "]: add it (or one "
          + "of its interfaces or superclasses) to " + SerializationSettings.BINDINGS + ", e.g. \"" + clazz.getName()
          + "\" = jackson-json (io.troupe:troupe-serialization-jackson) or a serializer of your own in "
          + SerializationSettings.SERIALIZERS);
    }
    List<Binding> best = mostSpecific(candidates);
    if (sameSerializer(best)) return best.get(0).serializer();
    List<Binding> withoutJava = new ArrayList<>(candidates.size());
    for (Binding b : candidates) if (!isJavaSerializer(b.serializer())) withoutJava.add(b);
    if (!withoutJava.isEmpty()) {
      best = mostSpecific(withoutJava);
      if (sameSerializer(best)) return best.get(0).serializer();
    }
    StringBuilder sb = new StringBuilder("Ambiguous serialization bindings for class [").append(clazz.getName())
        .append("]: ");
    for (int i = 0; i < best.size(); i++) {
      Binding b = best.get(i);
      if (i > 0) sb.append(i == best.size() - 1 ? " and " : ", ");
      sb.append('[').append(b.type().getName()).append("] = ").append(b.name());
    }
    sb.append(" all match and none is more specific. Bind the class itself (or a common subtype) in ")
        .append(SerializationSettings.BINDINGS).append(", e.g. \"").append(clazz.getName()).append("\" = ")
        .append(best.get(0).name());
    throw new NotSerializableException(sb.toString());
  }

  /** The bindings no other candidate is more specific than. */
  private static List<Binding> mostSpecific(List<Binding> candidates) {
    List<Binding> out = new ArrayList<>(candidates.size());
    for (Binding c : candidates) {
      boolean minimal = true;
      for (Binding d : candidates) {
        if (d != c && d.type() != c.type() && c.type().isAssignableFrom(d.type())) {
          minimal = false;
          break;
        }
      }
      if (minimal) out.add(c);
    }
    return out;
  }

  private static boolean sameSerializer(List<Binding> bs) {
    for (Binding b : bs) if (b.serializer() != bs.get(0).serializer()) return false;
    return true;
  }

  private static boolean isJavaSerializer(Serializer s) {
    return s instanceof JavaSerializer || s instanceof DisabledJavaSerializer;
  }

  private boolean shouldWarnAboutJavaSerializer(Class<?> clazz, Serializer s) {
    return s instanceof JavaSerializer && settings.warnAboutJavaSerializerUsage()
        && !clazz.getName().startsWith("io.troupe.") && !clazz.getName().startsWith("java.lang.")
        && !io.troupe.actor.NoSerializationVerificationNeeded.class.isAssignableFrom(clazz);
  }

  // ------------------------------------------------------------------ serialize / deserialize

  /**
   * {@code o} as bytes, with its bound serializer.
   *
   * @throws NotSerializableException when no serializer is bound for its class, or the serializer failed; the message
   *     names the class, the serializer and the setting to change, and the serializer's exception is the cause
   */
  public byte[] serialize(Object o) throws NotSerializableException {
    Serializer s = o == null ? NullSerializer.INSTANCE : serializerFor(o.getClass());
    Information old = CURRENT_TRANSPORT_INFORMATION.get();
    if (old == null) CURRENT_TRANSPORT_INFORMATION.set(serializationInformation());
    try {
      return s.toBinary(o);
    } catch (RuntimeException e) {
      throw serializationFailed(o, s, e);
    } finally {
      if (old == null) CURRENT_TRANSPORT_INFORMATION.remove();
    }
  }

  private NotSerializableException serializationFailed(Object o, Serializer s, RuntimeException e) {
    String cls = o.getClass().getName();
    String msg;
    if (e instanceof DisabledJavaSerializer.JavaSerializationException) {
      msg = e.getMessage();
    } else {
      msg = "Failed to serialize [" + cls + "] with serializer [" + nameOf(s) + "] (id " + s.identifier() + ", "
          + s.getClass().getName() + "): " + e + ". Fix the message or the serializer, or bind [" + cls
          + "] to another serializer in " + SerializationSettings.BINDINGS;
    }
    NotSerializableException n = new NotSerializableException(msg);
    n.initCause(e);
    return n;
  }

  /**
   * The object in {@code bytes}, read by the serializer with id {@code serializerId}.
   *
   * @param manifest the manifest sent with the bytes; {@code ""} for none
   * @throws NotSerializableException when there is no serializer with that id, the manifest class is not found, or the
   *     serializer does not know the bytes. A serializer may also throw an unchecked exception for corrupt bytes.
   */
  public Object deserialize(byte[] bytes, int serializerId, String manifest) throws NotSerializableException {
    Serializer s = serializerById(serializerId, manifest);
    Information old = CURRENT_TRANSPORT_INFORMATION.get();
    if (old == null) CURRENT_TRANSPORT_INFORMATION.set(serializationInformation());
    try {
      return deserializeByteArray(bytes, s, manifest);
    } finally {
      if (old == null) CURRENT_TRANSPORT_INFORMATION.remove();
    }
  }

  private Object deserializeByteArray(byte[] bytes, Serializer s, String manifest) throws NotSerializableException {
    if (s instanceof SerializerWithStringManifest) return ((SerializerWithStringManifest) s).fromBinary(bytes, manifest);
    if (manifest.isEmpty()) return s.fromBinary(bytes, Optional.empty());
    return s.fromBinary(bytes, manifestClass(manifest, s));
  }

  /**
   * The object in {@code buf} (its position to its limit), read by the serializer with id {@code serializerId}: without
   * an intermediate array when that serializer is a {@link ByteBufferSerializer}.
   *
   * @throws NotSerializableException as {@link #deserialize(byte[], int, String)}
   */
  public Object deserializeByteBuffer(ByteBuffer buf, int serializerId, String manifest) throws NotSerializableException {
    Serializer s = serializerById(serializerId, manifest);
    Information old = CURRENT_TRANSPORT_INFORMATION.get();
    if (old == null) CURRENT_TRANSPORT_INFORMATION.set(serializationInformation());
    try {
      if (s instanceof ByteBufferSerializer) return ((ByteBufferSerializer) s).fromBinary(buf, manifest);
      byte[] bytes = new byte[buf.remaining()];
      buf.get(bytes);
      return deserializeByteArray(bytes, s, manifest);
    } finally {
      if (old == null) CURRENT_TRANSPORT_INFORMATION.remove();
    }
  }

  /**
   * The object in {@code bytes}, read by the serializer bound to {@code clazz}.
   *
   * @throws NotSerializableException when no serializer is bound for {@code clazz}, the serializer does not know the
   *     bytes, or it produced something that is not a {@code clazz}
   */
  public <T> T deserialize(byte[] bytes, Class<T> clazz) throws NotSerializableException {
    Serializer s = serializerFor(clazz);
    Information old = CURRENT_TRANSPORT_INFORMATION.get();
    if (old == null) CURRENT_TRANSPORT_INFORMATION.set(serializationInformation());
    try {
      Object o = s.fromBinary(bytes, clazz);
      if (o != null && !clazz.isInstance(o)) {
        throw new NotSerializableException("Serializer [" + nameOf(s) + "] bound to [" + clazz.getName()
            + "] produced a [" + o.getClass().getName() + "]");
      }
      return clazz.cast(o);
    } finally {
      if (old == null) CURRENT_TRANSPORT_INFORMATION.remove();
    }
  }

  private Serializer serializerById(int id, String manifest) throws NotSerializableException {
    Serializer s = id >= 0 && id < QUICK_IDS ? quickSerializerByIdentity[id] : serializerByIdentity.get(id);
    if (s == null) {
      throw new NotSerializableException("Cannot find serializer with id [" + id + "] (manifest [" + manifest + "]). "
          + "The most probable reason is that " + SerializationSettings.SERIALIZERS + " (or its counterpart on the "
          + "sending node) differs between the two systems; known ids: " + serializerByIdentity.keySet());
    }
    return s;
  }

  private Optional<Class<?>> manifestClass(String manifest, Serializer s) throws NotSerializableException {
    Optional<Class<?>> cached = manifestCache.get(manifest);
    if (cached != null) return cached;
    try {
      // not initialised: a manifest may come from a peer, and loading must not run its static initialiser
      Optional<Class<?>> c = Optional.of(Class.forName(manifest, false, system.classLoader()));
      manifestCache.putIfAbsent(manifest, c);
      return c;
    } catch (ClassNotFoundException | LinkageError e) {
      throw new NotSerializableException("Cannot find manifest class [" + manifest + "] for serializer with id ["
          + s.identifier() + "]");
    }
  }

  // ------------------------------------------------------------------ accessors

  public ExtendedActorSystem system() { return system; }

  public SerializationSettings settings() { return settings; }

  /** Whether {@code troupe.actor.allow-java-serialization} is on. */
  public boolean allowJavaSerialization() { return settings.allowJavaSerialization(); }

  /** Every serializer by id, {@link NullSerializer} (id 0) included. */
  public Map<Integer, Serializer> serializerByIdentity() { return serializerByIdentity; }

  /** Every serializer by its name in {@code troupe.actor.serializers}. */
  public Map<String, Serializer> serializersByName() { return serializersByName; }

  /** The name {@code s} has in {@code troupe.actor.serializers}, or its class name when it has none. */
  public String nameOf(Serializer s) {
    String n = namesBySerializer.get(s);
    return n != null ? n : s.getClass().getName();
  }

  /** The address and system that refs serialized by this system's serializers carry by default. */
  public Information serializationInformation() {
    Information i = information;
    if (i == null) {
      Address a = system.provider().getDefaultAddress();
      i = new Information(a, system);
      if (a != null) information = i; // the provider knows its address once it is initialised
    }
    return i;
  }

  // ------------------------------------------------------------------ transport information

  /**
   * The wire form of {@code ref}'s path: with the address of the current {@link Information} when the path is local
   * (so a peer can reach it), and the {@code #uid} suffix.
   */
  public static String serializedActorPath(ActorRef ref) {
    ActorPath path = ref.path();
    Information info = CURRENT_TRANSPORT_INFORMATION.get();
    if (info == null || info.address() == null) return path.toSerializationFormat();
    return path.toSerializationFormatWithAddress(info.address());
  }

  /**
   * Runs {@code f} with {@code system}'s {@link Information} set on this thread (or the one already set), as remoting
   * does around serializer calls.
   */
  public static <T> T withTransportInformation(ExtendedActorSystem system, Supplier<T> f) {
    Information old = CURRENT_TRANSPORT_INFORMATION.get();
    if (old != null) return f.get();
    CURRENT_TRANSPORT_INFORMATION.set(SerializationExtension.get(system).serializationInformation());
    try {
      return f.get();
    } finally {
      CURRENT_TRANSPORT_INFORMATION.remove();
    }
  }

  /**
   * The {@link Information} set on this thread.
   *
   * @throws IllegalStateException when none is set (outside a serializer call and {@link #withTransportInformation})
   */
  public static Information getCurrentTransportInformation() {
    Information i = CURRENT_TRANSPORT_INFORMATION.get();
    if (i == null) {
      throw new IllegalStateException("currentTransportInformation is not set, use Serialization.withTransportInformation");
    }
    return i;
  }

  @Override
  public String toString() {
    return "Serialization(" + system.name() + ", serializers=" + serializersByName.keySet() + ")";
  }
}

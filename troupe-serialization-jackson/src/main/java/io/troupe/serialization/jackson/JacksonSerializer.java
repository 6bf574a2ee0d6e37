package io.troupe.serialization.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.ConfigurationException;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.event.LogMarkers;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.SerializerWithStringManifest;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of the JSON and CBOR serializers: Pekko's Jackson serializer format (spec §9.5), configured by
 * {@code troupe.serialization.jackson} and the binding's own section (see {@link JacksonSettings}).
 *
 * <p>Manifest: the binary class name of the message ({@code com.example.Outer$Msg}), with {@code #<version>} appended
 * when a {@link JacksonMigration} is registered for the class; {@code ""} (or {@code #<version>}) when
 * {@code type-in-manifest = off}, the class then coming from {@code deserialization-type} or the binding's single bound
 * class. Payload: the Jackson bytes, gzip-compressed above {@code compression.compress-larger-than}.
 *
 * <p>Security. Jackson instantiates the class the manifest names, and the manifest comes from the peer. So a class is
 * read (and written) only when it is bound to a Jackson serializer in {@code troupe.actor.serialization-bindings} or
 * matches {@code allowed-class-prefix}, never when it is on Jackson's list of known gadget classes, and the manifest
 * class is loaded without running its static initializer before that check. Binding open-ended types
 * ({@code java.lang.Object}, {@code java.io.Serializable}, {@code java.lang.Comparable}) to a Jackson serializer fails
 * {@code ActorSystem.create}. Refusals throw {@link IllegalArgumentException} and are logged with the SECURITY marker
 * (the 1st, 10th, 100th, ... time, so a peer cannot flood the log).
 *
 * <p>Thread-safe: the ObjectMapper is shared and only read.
 */
public abstract class JacksonSerializer extends SerializerWithStringManifest {
  private static final Logger LOG = LoggerFactory.getLogger(JacksonSerializer.class);

  /** Types that would let any class through; Pekko refuses them too. */
  static final Set<String> DISALLOWED_BINDINGS = Set.of("java.lang.Object", "java.io.Serializable", "java.lang.Comparable");

  private final ExtendedActorSystem system;
  private final String bindingName;
  private final ObjectMapper objectMapper;
  private final JacksonSettings settings;
  private final int identifier;
  private final Map<String, JacksonMigration> migrations;
  private final Class<?> deserializationType;
  private final String maxDecompressedKey;
  private final boolean debug;
  private final AtomicLong refusals = new AtomicLong();
  private volatile Serialization serialization;

  /**
   * @throws ConfigurationException naming the key when the binding's settings, id, migrations or bindings are invalid
   */
  protected JacksonSerializer(ExtendedActorSystem system, String bindingName, ObjectMapper objectMapper) {
    this.system = system;
    this.bindingName = bindingName;
    this.objectMapper = objectMapper;
    this.settings = new JacksonSettings(system.settings().config(), bindingName);
    this.identifier = system.settings().serialization().identifierFor(bindingName);
    this.maxDecompressedKey = JacksonSettings.ROOT + ".compression.max-decompressed-size";
    this.debug = settings.verboseDebugLogging() && LOG.isDebugEnabled();

    List<String> boundHere = new ArrayList<>();
    for (Map.Entry<String, String> b : system.settings().serialization().bindings().entrySet()) {
      if (!b.getValue().equals(bindingName)) continue;
      if (DISALLOWED_BINDINGS.contains(b.getKey())) {
        String msg = "troupe.actor.serialization-bindings.\"" + b.getKey() + "\" = " + bindingName + ": binding an "
            + "open-ended type to a Jackson serializer would let a peer make this node instantiate any class; bind "
            + "your own marker interface instead";
        LOG.warn(LogMarkers.SECURITY, msg);
        throw new ConfigurationException(msg);
      }
      boundHere.add(b.getKey());
    }

    Map<String, JacksonMigration> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.migrations().entrySet()) {
      m.put(e.getKey(), createMigration(e.getKey(), e.getValue()));
    }
    this.migrations = Collections.unmodifiableMap(m);
    this.deserializationType = settings.typeInManifest() ? null : findDeserializationType(boundHere);
  }

  private JacksonMigration createMigration(String forClass, String fqcn) {
    String key = JacksonSettings.ROOT + ".migrations.\"" + forClass + "\" = " + fqcn;
    try {
      Class<?> k = Class.forName(fqcn, true, system.classLoader());
      if (!JacksonMigration.class.isAssignableFrom(k)) {
        throw new ConfigurationException(key + ": not a " + JacksonMigration.class.getName());
      }
      return (JacksonMigration) k.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigurationException(key + ": cannot be created with a public no-argument constructor: " + e, e);
    }
  }

  private Class<?> findDeserializationType(List<String> boundHere) {
    String key = JacksonSettings.ROOT + "." + bindingName + ".deserialization-type";
    String name = settings.deserializationType();
    if (name.isEmpty()) {
      if (boundHere.size() != 1) {
        throw new ConfigurationException("Jackson serializer [" + bindingName + "] has type-in-manifest = off, so it "
            + "needs " + key + " or exactly one class bound to it in troupe.actor.serialization-bindings; it has "
            + boundHere);
      }
      name = boundHere.get(0);
    }
    try {
      return Class.forName(name, false, system.classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(key + " = " + name + ": class not found", e);
    }
  }

  /** The system this serializer belongs to. */
  public ExtendedActorSystem system() { return system; }

  /** Its name in {@code troupe.actor.serializers}. */
  public String bindingName() { return bindingName; }

  /** The shared, already configured mapper; do not modify it. */
  public ObjectMapper objectMapper() { return objectMapper; }

  public JacksonSettings settings() { return settings; }

  @Override
  public int identifier() { return identifier; }

  @Override
  public String manifest(Object obj) {
    if (deserializationType != null) {
      JacksonMigration m = migrations.get(deserializationType.getName());
      return m == null ? "" : "#" + m.currentVersion();
    }
    Class<?> c = obj.getClass();
    String className = c.getName();
    checkAllowedClassName(className);
    checkAllowedClass(c);
    JacksonMigration m = migrations.get(className);
    return m == null ? className : className + "#" + m.currentVersion();
  }

  @Override
  public byte[] toBinary(Object obj) {
    long start = debug ? System.nanoTime() : 0L;
    byte[] bytes;
    try {
      bytes = objectMapper.writeValueAsBytes(obj);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Jackson [" + bindingName + "] cannot serialize [" + obj.getClass().getName()
          + "]: " + e.getOriginalMessage(), e);
    }
    byte[] result = settings.compression() == JacksonSettings.Compression.GZIP
        && bytes.length > settings.compressLargerThanBytes() ? PayloadCompression.gzip(bytes) : bytes;
    if (debug) {
      LOG.debug("Serialization of [{}] took [{}] µs, size [{}] bytes, uncompressed [{}] bytes", obj.getClass().getName(),
          (System.nanoTime() - start) / 1000, result.length, bytes.length);
    }
    return result;
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    long start = debug ? System.nanoTime() : 0L;
    int hash = manifest.lastIndexOf('#');
    String manifestClassName = hash < 0 ? manifest : manifest.substring(0, hash);
    int fromVersion = hash < 0 ? 1 : parseVersion(manifest, hash);
    boolean typeInManifest = deserializationType == null;
    if (typeInManifest) checkAllowedClassName(manifestClassName);

    JacksonMigration migration = migrations.get(typeInManifest ? manifestClassName : deserializationType.getName());
    String className = manifestClassName;
    if (migration != null && fromVersion != migration.currentVersion()) {
      if (fromVersion > migration.supportedForwardVersion()) {
        throw new NotSerializableException("Migration of [" + manifestClassName + "] supports up to version ["
            + migration.supportedForwardVersion() + "], the payload has version [" + fromVersion + "]");
      }
      className = migration.transformClassName(fromVersion, manifestClassName);
      if (typeInManifest && !className.equals(manifestClassName)) checkAllowedClassName(className);
    }

    Class<?> clazz = deserializationType;
    if (clazz == null) {
      try {
        // not initialised: its static initialiser must not run before the allow check
        clazz = Class.forName(className, false, system.classLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new NotSerializableException("Cannot find manifest class [" + className + "] for serializer ["
            + bindingName + "]");
      }
      checkAllowedClass(clazz);
    }

    byte[] plain = PayloadCompression.decompress(bytes, settings.maxDecompressedSizeBytes(), maxDecompressedKey);
    Object result;
    try {
      if (migration != null && fromVersion != migration.currentVersion()) {
        JsonNode tree = objectMapper.readTree(plain);
        result = objectMapper.treeToValue(migration.transform(fromVersion, tree), clazz);
      } else {
        result = objectMapper.readValue(plain, clazz);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Jackson [" + bindingName + "] cannot read [" + clazz.getName() + "] from ["
          + bytes.length + "] bytes: " + e.getMessage(), e);
    }
    if (debug) {
      LOG.debug("Deserialization of [{}] took [{}] µs, size [{}] bytes", clazz.getName(),
          (System.nanoTime() - start) / 1000, bytes.length);
    }
    return result;
  }

  private static int parseVersion(String manifest, int hash) throws NotSerializableException {
    try {
      return Integer.parseInt(manifest.substring(hash + 1));
    } catch (NumberFormatException e) {
      throw new NotSerializableException("Manifest [" + manifest + "] has an invalid version after '#'");
    }
  }

  private void checkAllowedClassName(String className) {
    if (!GadgetClassDenyList.INSTANCE.isAllowedClassName(className)) {
      throw refuse("[" + className + "] is on Jackson's list of deserialization gadgets; refused for security reasons");
    }
  }

  private void checkAllowedClass(Class<?> clazz) {
    if (!GadgetClassDenyList.INSTANCE.isAllowedClass(clazz)) {
      throw refuse("[" + clazz.getName() + "] is a known deserialization gadget type; refused for security reasons");
    }
    if (!isBoundToJackson(clazz) && !hasAllowedPrefix(clazz.getName())) {
      throw refuse("[" + clazz.getName() + "] is not bound to a Jackson serializer, so " + getClass().getSimpleName()
          + " [" + bindingName + "] refuses it for security reasons. Bind it (or an interface it implements) in "
          + "troupe.actor.serialization-bindings, e.g. \"" + clazz.getName() + "\" = " + bindingName
          + ", or list its package in " + JacksonSettings.ROOT + ".allowed-class-prefix");
    }
  }

  /** Bound to any Jackson serializer: lets a class move between jackson-json and jackson-cbor, not to others. */
  private boolean isBoundToJackson(Class<?> clazz) {
    Serialization s = serialization;
    if (s == null) serialization = s = SerializationExtension.get(system);
    try {
      return s.serializerFor(clazz) instanceof JacksonSerializer;
    } catch (NotSerializableException e) {
      return false;
    }
  }

  private boolean hasAllowedPrefix(String className) {
    for (String p : settings.allowedClassPrefix()) if (className.startsWith(p)) return true;
    return false;
  }

  private IllegalArgumentException refuse(String why) {
    long n = refusals.incrementAndGet();
    if (isPowerOfTen(n)) LOG.warn(LogMarkers.SECURITY, "Jackson [{}]: {} (refusal number {})", bindingName, why, n);
    return new IllegalArgumentException(why);
  }

  private static boolean isPowerOfTen(long n) {
    while (n >= 10 && n % 10 == 0) n /= 10;
    return n == 1;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + bindingName + ", " + identifier + ")";
  }
}

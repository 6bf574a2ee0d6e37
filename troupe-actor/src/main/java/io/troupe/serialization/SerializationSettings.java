package io.troupe.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.troupe.ConfigurationException;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The serialization settings under {@code troupe.actor}, read and checked once when the actor system is created:
 * {@code serializers}, {@code serialization-bindings}, {@code serialization-identifiers},
 * {@code allow-java-serialization} and {@code warn-about-java-serializer-usage}. Every reference to a serializer name
 * is checked here; classes are loaded and serializers created later, by {@link Serialization}, which reports failures
 * with the same key names. Immutable.
 */
public final class SerializationSettings {
  /** The binding value that removes a binding made elsewhere (typically in a reference.conf). */
  public static final String NONE = "none";

  static final String SERIALIZERS = "troupe.actor.serializers";
  static final String BINDINGS = "troupe.actor.serialization-bindings";
  static final String IDENTIFIERS = "troupe.actor.serialization-identifiers";
  static final String ALLOW_JAVA = "troupe.actor.allow-java-serialization";
  static final String WARN_JAVA = "troupe.actor.warn-about-java-serializer-usage";

  private final Map<String, String> serializers;
  private final Map<String, String> bindings;
  private final Set<String> unbound;
  private final Map<String, Integer> identifiers;
  private final boolean allowJavaSerialization;
  private final boolean warnAboutJavaSerializerUsage;

  /**
   * Reads the settings from a resolved configuration that includes the reference configuration.
   *
   * @throws ConfigurationException naming the key when a value is missing, of the wrong type, or names a serializer
   *     that {@code troupe.actor.serializers} does not define
   */
  public SerializationSettings(Config config) {
    this.serializers = Collections.unmodifiableMap(readStrings(config, SERIALIZERS));
    Map<String, String> allBindings = readStrings(config, BINDINGS);
    Map<String, String> active = new TreeMap<>();
    Set<String> none = new TreeSet<>();
    for (Map.Entry<String, String> b : allBindings.entrySet()) {
      String name = b.getValue();
      if (NONE.equals(name)) {
        none.add(b.getKey());
      } else if (!serializers.containsKey(name)) {
        throw new ConfigurationException(key(BINDINGS, b.getKey()) + " = " + name + " names no serializer (expected one of "
            + serializers.keySet() + " defined in " + SERIALIZERS + ", or \"none\" to remove the binding)");
      } else {
        active.put(b.getKey(), name);
      }
    }
    this.bindings = Collections.unmodifiableMap(active);
    this.unbound = Collections.unmodifiableSet(none);
    this.identifiers = Collections.unmodifiableMap(readInts(config, IDENTIFIERS));
    this.allowJavaSerialization = readBoolean(config, ALLOW_JAVA);
    this.warnAboutJavaSerializerUsage = readBoolean(config, WARN_JAVA);
  }

  /** Serializer names to the classes that implement them ({@code troupe.actor.serializers}), sorted by name. */
  public Map<String, String> serializers() { return serializers; }

  /**
   * Class or interface names to serializer names ({@code troupe.actor.serialization-bindings}), without the ones set
   * to {@code "none"}; sorted by class name.
   */
  public Map<String, String> bindings() { return bindings; }

  /** The class names whose binding was removed with {@code "none"}. */
  public Set<String> unboundClasses() { return unbound; }

  /** {@code troupe.actor.serialization-identifiers}: serializer class names or serializer names to ids. */
  public Map<String, Integer> identifiers() { return identifiers; }

  /** The id configured for {@code key} (a serializer name or class name), if any. */
  public OptionalInt identifier(String key) {
    Integer id = identifiers.get(key);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /**
   * The id configured for {@code key}, for serializers that read their id from configuration.
   *
   * @throws ConfigurationException when there is none, naming the key to add
   */
  public int identifierFor(String key) {
    Integer id = identifiers.get(key);
    if (id == null) {
      throw new ConfigurationException(key(IDENTIFIERS, key) + " is missing: the serializer reads its id from there "
          + "(add e.g. " + key(IDENTIFIERS, key) + " = 100; ids 0 to 40 are reserved)");
    }
    return id;
  }

  /** {@code troupe.actor.allow-java-serialization}. */
  public boolean allowJavaSerialization() { return allowJavaSerialization; }

  /** {@code troupe.actor.warn-about-java-serializer-usage}. */
  public boolean warnAboutJavaSerializerUsage() { return warnAboutJavaSerializerUsage; }

  /** {@code path."name"}, the way a key with dots is written in HOCON. */
  static String key(String path, String name) {
    return path + ".\"" + name + "\"";
  }

  private static Map<String, String> readStrings(Config config, String path) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : object(config, path).entrySet()) {
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.NULL) continue; // HOCON's way to remove a key set elsewhere
      if (v.valueType() == ConfigValueType.OBJECT) {
        throw new ConfigurationException(path + "." + e.getKey() + " is an object: quote class names in " + path
            + ", as in \"com.example.MyMessage\" = my-serializer (an unquoted name with dots becomes nested keys)");
      }
      if (v.valueType() != ConfigValueType.STRING) {
        throw new ConfigurationException(key(path, e.getKey()) + " = " + v.render() + " is not a string");
      }
      String s = ((String) v.unwrapped()).trim();
      if (s.isEmpty()) throw new ConfigurationException(key(path, e.getKey()) + " is empty");
      out.put(e.getKey(), s);
    }
    return out;
  }

  private static Map<String, Integer> readInts(Config config, String path) {
    Map<String, Integer> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : object(config, path).entrySet()) {
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.NULL) continue;
      Object raw = v.unwrapped();
      if (v.valueType() == ConfigValueType.OBJECT) {
        throw new ConfigurationException(path + "." + e.getKey() + " is an object: quote class names in " + path
            + ", as in \"com.example.MySerializer\" = 100");
      }
      int id;
      if (raw instanceof Integer) {
        id = (Integer) raw;
      } else if (raw instanceof String) {
        try {
          id = Integer.parseInt(((String) raw).trim());
        } catch (NumberFormatException ex) {
          throw new ConfigurationException(key(path, e.getKey()) + " = " + v.render() + " is not an int");
        }
      } else {
        throw new ConfigurationException(key(path, e.getKey()) + " = " + v.render() + " is not an int");
      }
      out.put(e.getKey(), id);
    }
    return out;
  }

  private static ConfigObject object(Config config, String path) {
    if (!config.hasPath(path)) return com.typesafe.config.ConfigFactory.empty().root();
    ConfigValue v = config.getValue(path);
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new ConfigurationException(path + " = " + v.render() + " is not an object (expected { name = value, ... })");
    }
    return (ConfigObject) v;
  }

  private static boolean readBoolean(Config config, String path) {
    try {
      return config.getBoolean(path);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigurationException(path + ": " + e.getMessage() + " (expected on or off)", e);
    }
  }

  @Override
  public String toString() {
    return "SerializationSettings(serializers=" + serializers + ", bindings=" + bindings + ", unbound=" + unbound
        + ", identifiers=" + identifiers + ", allowJavaSerialization=" + allowJavaSerialization + ")";
  }
}

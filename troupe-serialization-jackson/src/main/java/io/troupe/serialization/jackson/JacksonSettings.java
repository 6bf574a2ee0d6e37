package io.troupe.serialization.jackson;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.troupe.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of one Jackson binding: {@code troupe.serialization.jackson}, overridden by
 * {@code troupe.serialization.jackson.<binding name>} (e.g. {@code jackson-json}), as Pekko's
 * {@code JacksonObjectMapperProvider.configForBinding}. Read and checked once, when the serializer or ObjectMapper of
 * that binding is created (at {@code ActorSystem.create} for the serializers); feature and enum names are checked
 * against Jackson's enums, and a mistake raises a {@link ConfigurationException} naming the key. Immutable.
 */
public final class JacksonSettings {
  /** The configuration section every binding falls back to. */
  public static final String ROOT = "troupe.serialization.jackson";

  /** How payloads larger than {@link #compressLargerThanBytes()} are compressed. */
  public enum Compression { OFF, GZIP }

  private final String bindingName;
  private final List<String> jacksonModules;
  private final boolean verboseDebugLogging;
  private final Map<String, String> migrations;
  private final List<String> allowedClassPrefix;
  private final boolean typeInManifest;
  private final String deserializationType;
  private final Compression compression;
  private final long compressLargerThanBytes;
  private final long maxDecompressedSizeBytes;
  private final int readMaxNestingDepth;
  private final int readMaxNumberLength;
  private final int readMaxStringLength;
  private final int readMaxNameLength;
  private final long readMaxDocumentLength;
  private final long readMaxTokenCount;
  private final int writeMaxNestingDepth;
  private final Map<SerializationFeature, Boolean> serializationFeatures;
  private final Map<DeserializationFeature, Boolean> deserializationFeatures;
  private final Map<MapperFeature, Boolean> mapperFeatures;
  private final Map<EnumFeature, Boolean> enumFeatures;
  private final Map<JsonParser.Feature, Boolean> jsonParserFeatures;
  private final Map<JsonGenerator.Feature, Boolean> jsonGeneratorFeatures;
  private final Map<StreamReadFeature, Boolean> streamReadFeatures;
  private final Map<StreamWriteFeature, Boolean> streamWriteFeatures;
  private final Map<JsonReadFeature, Boolean> jsonReadFeatures;
  private final Map<JsonWriteFeature, Boolean> jsonWriteFeatures;
  private final Map<PropertyAccessor, JsonAutoDetect.Visibility> visibility;

  /**
   * @param systemConfig the actor system's whole configuration
   * @throws ConfigurationException naming the key of the first invalid setting
   */
  public JacksonSettings(Config systemConfig, String bindingName) {
    this.bindingName = bindingName;
    Config base = systemConfig.getConfig(ROOT);
    String ownPath = ROOT + "." + bindingName;
    Config own = systemConfig.hasPath(ownPath)
        && systemConfig.getValue(ownPath).valueType() == com.typesafe.config.ConfigValueType.OBJECT
        ? systemConfig.getConfig(ownPath) : null;
    Reader r = new Reader(own == null ? base : own.withFallback(base), own, ownPath);
    this.jacksonModules = List.copyOf(r.strings("jackson-modules"));
    this.verboseDebugLogging = r.bool("verbose-debug-logging");
    this.migrations = r.stringMap("migrations");
    this.allowedClassPrefix = List.copyOf(r.strings("allowed-class-prefix"));
    this.typeInManifest = r.bool("type-in-manifest");
    this.deserializationType = r.string("deserialization-type").trim();
    String algorithm = r.string("compression.algorithm").toLowerCase(Locale.ROOT);
    switch (algorithm) {
      case "off": this.compression = Compression.OFF; break;
      case "gzip": this.compression = Compression.GZIP; break;
      case "lz4":
        throw new ConfigurationException(r.key("compression.algorithm") + " = lz4 is not supported by Troupe (Pekko "
            + "can write it; Troupe would need an LZ4 library): use off or gzip, on both sides");
      default:
        throw new ConfigurationException(r.key("compression.algorithm") + " = " + algorithm + " is not an algorithm "
            + "(expected off or gzip)");
    }
    this.compressLargerThanBytes = r.bytes("compression.compress-larger-than");
    this.maxDecompressedSizeBytes = r.bytes("compression.max-decompressed-size");
    if (maxDecompressedSizeBytes <= 0) {
      throw new ConfigurationException(r.key("compression.max-decompressed-size") + " = " + maxDecompressedSizeBytes
          + " must be positive");
    }
    this.readMaxNestingDepth = r.positiveInt("read.max-nesting-depth");
    this.readMaxNumberLength = r.positiveInt("read.max-number-length");
    this.readMaxStringLength = r.positiveInt("read.max-string-length");
    this.readMaxNameLength = r.positiveInt("read.max-name-length");
    this.readMaxDocumentLength = r.longValue("read.max-document-length");
    this.readMaxTokenCount = r.longValue("read.max-token-count");
    this.writeMaxNestingDepth = r.positiveInt("write.max-nesting-depth");
    this.serializationFeatures = r.features("serialization-features", SerializationFeature.class);
    this.deserializationFeatures = r.features("deserialization-features", DeserializationFeature.class);
    this.mapperFeatures = r.features("mapper-features", MapperFeature.class);
    this.enumFeatures = r.features("enum-features", EnumFeature.class);
    this.jsonParserFeatures = r.features("json-parser-features", JsonParser.Feature.class);
    this.jsonGeneratorFeatures = r.features("json-generator-features", JsonGenerator.Feature.class);
    this.streamReadFeatures = r.features("stream-read-features", StreamReadFeature.class);
    this.streamWriteFeatures = r.features("stream-write-features", StreamWriteFeature.class);
    this.jsonReadFeatures = r.features("json-read-features", JsonReadFeature.class);
    this.jsonWriteFeatures = r.features("json-write-features", JsonWriteFeature.class);
    Map<PropertyAccessor, JsonAutoDetect.Visibility> vis = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : r.stringMap("visibility").entrySet()) {
      vis.put(r.enumValue("visibility." + e.getKey(), e.getKey(), PropertyAccessor.class),
          r.enumValue("visibility." + e.getKey(), e.getValue(), JsonAutoDetect.Visibility.class));
    }
    this.visibility = Collections.unmodifiableMap(vis);
  }

  public String bindingName() { return bindingName; }
  /** Class names of the Jackson modules every ObjectMapper of this binding registers. */
  public List<String> jacksonModules() { return jacksonModules; }
  public boolean verboseDebugLogging() { return verboseDebugLogging; }
  /** Class names of messages to class names of their {@link JacksonMigration}. */
  public Map<String, String> migrations() { return migrations; }
  public List<String> allowedClassPrefix() { return allowedClassPrefix; }
  public boolean typeInManifest() { return typeInManifest; }
  /** The class to read every payload as when {@link #typeInManifest()} is off; empty for none. */
  public String deserializationType() { return deserializationType; }
  public Compression compression() { return compression; }
  public long compressLargerThanBytes() { return compressLargerThanBytes; }
  public long maxDecompressedSizeBytes() { return maxDecompressedSizeBytes; }
  public int readMaxNestingDepth() { return readMaxNestingDepth; }
  public int readMaxNumberLength() { return readMaxNumberLength; }
  public int readMaxStringLength() { return readMaxStringLength; }
  public int readMaxNameLength() { return readMaxNameLength; }
  public long readMaxDocumentLength() { return readMaxDocumentLength; }
  public long readMaxTokenCount() { return readMaxTokenCount; }
  public int writeMaxNestingDepth() { return writeMaxNestingDepth; }
  public Map<SerializationFeature, Boolean> serializationFeatures() { return serializationFeatures; }
  public Map<DeserializationFeature, Boolean> deserializationFeatures() { return deserializationFeatures; }
  public Map<MapperFeature, Boolean> mapperFeatures() { return mapperFeatures; }
  public Map<EnumFeature, Boolean> enumFeatures() { return enumFeatures; }
  public Map<JsonParser.Feature, Boolean> jsonParserFeatures() { return jsonParserFeatures; }
  public Map<JsonGenerator.Feature, Boolean> jsonGeneratorFeatures() { return jsonGeneratorFeatures; }
  public Map<StreamReadFeature, Boolean> streamReadFeatures() { return streamReadFeatures; }
  public Map<StreamWriteFeature, Boolean> streamWriteFeatures() { return streamWriteFeatures; }
  public Map<JsonReadFeature, Boolean> jsonReadFeatures() { return jsonReadFeatures; }
  public Map<JsonWriteFeature, Boolean> jsonWriteFeatures() { return jsonWriteFeatures; }
  public Map<PropertyAccessor, JsonAutoDetect.Visibility> visibility() { return visibility; }

  /** Reads keys of the merged section, naming the binding's own section in errors when it overrides the key. */
  private static final class Reader {
    private final Config c;
    private final Config own;
    private final String ownPath;

    Reader(Config c, Config own, String ownPath) {
      this.c = c;
      this.own = own;
      this.ownPath = ownPath;
    }

    String key(String k) {
      boolean overridden;
      try {
        overridden = own != null && own.hasPath(k);
      } catch (ConfigException e) {
        overridden = false;
      }
      return (overridden ? ownPath : ROOT) + "." + k;
    }

    private ConfigurationException wrap(String k, ConfigException e) {
      return new ConfigurationException(key(k) + ": " + e.getMessage(), e);
    }

    boolean bool(String k) {
      try {
        return c.getBoolean(k);
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
    }

    String string(String k) {
      try {
        return c.getString(k);
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
    }

    List<String> strings(String k) {
      try {
        return c.getStringList(k);
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
    }

    long bytes(String k) {
      try {
        return c.getBytes(k);
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
    }

    long longValue(String k) {
      try {
        return c.getLong(k);
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
    }

    int positiveInt(String k) {
      int v;
      try {
        v = c.getInt(k);
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
      if (v <= 0) throw new ConfigurationException(key(k) + " = " + v + " must be positive");
      return v;
    }

    Map<String, String> stringMap(String k) {
      Map<String, String> out = new TreeMap<>();
      try {
        for (Map.Entry<String, ConfigValue> e : c.getObject(k).entrySet()) {
          out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
      return Collections.unmodifiableMap(out);
    }

    <E extends Enum<E>> Map<E, Boolean> features(String k, Class<E> type) {
      Map<E, Boolean> out = new LinkedHashMap<>();
      Config section;
      try {
        section = c.getConfig(k);
      } catch (ConfigException e) {
        throw wrap(k, e);
      }
      for (String name : new TreeMap<>(section.root().unwrapped()).keySet()) {
        E f = enumValue(k + "." + name, name, type);
        try {
          out.put(f, section.getBoolean(ConfigQuote.quote(name)));
        } catch (ConfigException e) {
          throw wrap(k + "." + name, e);
        }
      }
      return Collections.unmodifiableMap(out);
    }

    <E extends Enum<E>> E enumValue(String k, String name, Class<E> type) {
      try {
        return Enum.valueOf(type, name);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(key(k) + ": [" + name + "] is not a " + type.getName().replace('$', '.')
            + " (see Jackson's documentation of that enum for the names)");
      }
    }
  }

  /** Quotes a key for a path expression when it contains characters HOCON treats specially. */
  private static final class ConfigQuote {
    static String quote(String key) {
      return key.matches("[A-Za-z0-9_-]+") ? key : com.typesafe.config.ConfigUtil.quoteString(key);
    }
  }
}

package io.troupe.serialization.jackson;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.troupe.ConfigurationException;
import io.troupe.actor.AbstractExtensionId;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Extension;
import io.troupe.actor.ExtensionId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jackson {@link ObjectMapper}s of an actor system, one per binding name, configured from
 * {@code troupe.serialization.jackson} (see {@link JacksonSettings}) the way Pekko's {@code JacksonObjectMapperProvider}
 * configures them: the configured modules ({@code ParameterNamesModule} in PROPERTIES mode, JDK 8 types, java.time,
 * Troupe's actor refs and addresses), dates and durations as ISO-8601 strings, unknown properties ignored, empty beans
 * allowed, all fields visible. Use {@link #getOrCreate} to share the mapper the serializers use (never modify it), or
 * {@link #create} for one of your own with the same defaults.
 */
public final class JacksonObjectMapperProvider implements Extension {
  private static final Logger LOG = LoggerFactory.getLogger(JacksonObjectMapperProvider.class);

  private static final ExtensionId<JacksonObjectMapperProvider> ID = new AbstractExtensionId<>() {
    @Override
    public JacksonObjectMapperProvider createExtension(ExtendedActorSystem system) {
      return new JacksonObjectMapperProvider(system);
    }

    @Override
    public String toString() {
      return "JacksonObjectMapperProvider";
    }
  };

  /** The provider of {@code system}. */
  public static JacksonObjectMapperProvider get(ActorSystem system) {
    return system.registerExtension(ID);
  }

  public static ExtensionId<JacksonObjectMapperProvider> lookup() {
    return ID;
  }

  private final ExtendedActorSystem system;
  private final ConcurrentHashMap<String, ObjectMapper> objectMappers = new ConcurrentHashMap<>();

  private JacksonObjectMapperProvider(ExtendedActorSystem system) {
    this.system = system;
  }

  /**
   * The shared mapper of {@code bindingName}, created on first call. It may already be in use by other threads: do not
   * reconfigure it.
   *
   * @param jsonFactory e.g. a {@code CBORFactory}; empty for JSON
   */
  public ObjectMapper getOrCreate(String bindingName, Optional<JsonFactory> jsonFactory) {
    return objectMappers.computeIfAbsent(bindingName, n -> create(n, jsonFactory));
  }

  /**
   * A new mapper configured like the shared one of {@code bindingName}.
   *
   * @throws ConfigurationException naming the key when the configuration is invalid or a module cannot be loaded
   */
  public ObjectMapper create(String bindingName, Optional<JsonFactory> jsonFactory) {
    return createObjectMapper(new JacksonSettings(system.settings().config(), bindingName), jsonFactory,
        system.classLoader());
  }

  @SuppressWarnings("deprecation") // JsonParser/JsonGenerator.Feature are Pekko's keys; Jackson keeps them working
  static ObjectMapper createObjectMapper(JacksonSettings s, Optional<JsonFactory> base, ClassLoader classLoader) {
    JsonFactory factory = configureFactory(s, base.orElseGet(JsonFactory::new));
    JsonMapper.Builder b = JsonMapper.builder(factory);
    for (Map.Entry<SerializationFeature, Boolean> e : s.serializationFeatures().entrySet()) b.configure(e.getKey(), e.getValue());
    for (Map.Entry<DeserializationFeature, Boolean> e : s.deserializationFeatures().entrySet()) b.configure(e.getKey(), e.getValue());
    for (Map.Entry<EnumFeature, Boolean> e : s.enumFeatures().entrySet()) b.configure(e.getKey(), e.getValue());
    for (Map.Entry<MapperFeature, Boolean> e : s.mapperFeatures().entrySet()) b.configure(e.getKey(), e.getValue());
    for (Map.Entry<JsonParser.Feature, Boolean> e : s.jsonParserFeatures().entrySet()) b.configure(e.getKey(), e.getValue());
    for (Map.Entry<JsonGenerator.Feature, Boolean> e : s.jsonGeneratorFeatures().entrySet()) b.configure(e.getKey(), e.getValue());
    for (String fqcn : s.jacksonModules()) {
      Module m = createModule(s, fqcn, classLoader);
      b.addModule(m);
      LOG.debug("Registered Jackson module [{}] for binding [{}]", fqcn, s.bindingName());
    }
    for (Map.Entry<PropertyAccessor, JsonAutoDetect.Visibility> e : s.visibility().entrySet()) {
      b.visibility(e.getKey(), e.getValue());
    }
    return b.build();
  }

  @SuppressWarnings("deprecation") // mappedFeature(): the factory-level form of the stream and JSON read/write features
  private static JsonFactory configureFactory(JacksonSettings s, JsonFactory f) {
    f.setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(s.readMaxNestingDepth())
        .maxNumberLength(s.readMaxNumberLength())
        .maxStringLength(s.readMaxStringLength())
        .maxNameLength(s.readMaxNameLength())
        .maxDocumentLength(s.readMaxDocumentLength())
        .maxTokenCount(s.readMaxTokenCount())
        .build());
    f.setStreamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(s.writeMaxNestingDepth()).build());
    for (Map.Entry<StreamReadFeature, Boolean> e : s.streamReadFeatures().entrySet()) f.configure(e.getKey().mappedFeature(), e.getValue());
    for (Map.Entry<StreamWriteFeature, Boolean> e : s.streamWriteFeatures().entrySet()) f.configure(e.getKey().mappedFeature(), e.getValue());
    for (Map.Entry<JsonReadFeature, Boolean> e : s.jsonReadFeatures().entrySet()) f.configure(e.getKey().mappedFeature(), e.getValue());
    for (Map.Entry<JsonWriteFeature, Boolean> e : s.jsonWriteFeatures().entrySet()) f.configure(e.getKey().mappedFeature(), e.getValue());
    return f;
  }

  private static Module createModule(JacksonSettings s, String fqcn, ClassLoader classLoader) {
    String key = JacksonSettings.ROOT + ".jackson-modules";
    try {
      Class<?> k = Class.forName(fqcn, true, classLoader);
      if (k == ParameterNamesModule.class) {
        // as Pekko: single-argument constructors bind by property name too, like multi-argument ones
        return new ParameterNamesModule(JsonCreator.Mode.PROPERTIES);
      }
      if (!Module.class.isAssignableFrom(k)) {
        throw new ConfigurationException(key + ": [" + fqcn + "] is not a " + Module.class.getName());
      }
      return (Module) k.getConstructor().newInstance();
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(key + ": Jackson module [" + fqcn + "] not found on the class path (add its "
          + "dependency or remove it from the list) for binding [" + s.bindingName() + "]", e);
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException(key + ": Jackson module [" + fqcn + "] cannot be created with a public "
          + "no-argument constructor: " + e, e);
    }
  }
}

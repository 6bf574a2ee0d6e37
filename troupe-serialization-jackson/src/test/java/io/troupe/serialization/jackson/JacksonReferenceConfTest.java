package io.troupe.serialization.jackson;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.troupe.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * reference.conf and {@link JacksonSettings} agree key for key: removing any documented key under
 * {@code troupe.serialization.jackson} makes the settings fail naming that key, so no key is documented but unread.
 */
class JacksonReferenceConfTest {
  /** Sections whose content is open-ended (feature maps, migrations) or per binding: checked as a whole. */
  private static final Set<String> WHOLE = Set.of("migrations", "visibility", "serialization-features",
      "deserialization-features", "mapper-features", "enum-features", "json-parser-features", "json-generator-features",
      "stream-read-features", "stream-write-features", "json-read-features", "json-write-features");
  private static final Set<String> PER_BINDING = Set.of("jackson-json", "jackson-cbor");

  @Test
  void everyReferenceKeyIsReadBySettings() {
    Config reference = ConfigFactory.defaultReference();
    Config section = reference.getConfig(JacksonSettings.ROOT);
    List<String> keys = new ArrayList<>();
    collect(section.root().entrySet(), "", keys);
    assertTrue(keys.size() > 20, "found " + keys);
    for (String key : keys) {
      Config without = reference.withoutPath(JacksonSettings.ROOT + "." + key);
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> new JacksonSettings(without, "binding-without-own-section"), "removing " + key + " went unnoticed");
      assertTrue(e.getMessage().contains(key), "the error names " + key + ": " + e.getMessage());
    }
    assertFalse(keys.contains("jackson-json"));
  }

  private static void collect(Set<Map.Entry<String, ConfigValue>> entries, String prefix, List<String> out) {
    for (Map.Entry<String, ConfigValue> e : entries) {
      String key = prefix + e.getKey();
      if (prefix.isEmpty() && PER_BINDING.contains(e.getKey())) continue;
      if (e.getValue().valueType() == ConfigValueType.OBJECT && !WHOLE.contains(key)) {
        collect(((com.typesafe.config.ConfigObject) e.getValue()).entrySet(), key + ".", out);
      } else {
        out.add(key);
      }
    }
  }
}

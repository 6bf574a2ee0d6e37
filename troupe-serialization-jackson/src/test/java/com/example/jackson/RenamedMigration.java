package com.example.jackson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.serialization.jackson.JacksonMigration;

/** Version 2 renamed the property {@code title} to {@code name}. */
public final class RenamedMigration extends JacksonMigration {
  @Override
  public int currentVersion() { return 2; }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    ObjectNode o = (ObjectNode) json;
    if (fromVersion < 2 && o.has("title")) o.set("name", o.remove("title"));
    return o;
  }
}

package io.troupe.bench.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps each Troupe serialization benchmark the exact twin of its Pekko benchmark: same code, only the package, the
 * {@code org.apache.pekko} imports and the configuration root differ. Reads the sources.
 */
class SerializationTwinSourcesTest {

  private static final Path PEKKO = Path.of("src/main/java/io/troupe/bench/serialization/pekko");
  private static final Path TROUPE = Path.of("src/main/java/io/troupe/bench/serialization/troupe");

  @Test
  void everyPekkoBenchmarkHasATroupeTwinThatDiffersOnlyInImportsAndConfigRoot() throws IOException {
    List<Path> benchmarks = benchmarkSources(PEKKO);
    assertFalse(benchmarks.isEmpty(), "no benchmark sources in " + PEKKO.toAbsolutePath());
    for (Path pekko : benchmarks) {
      Path troupe = TROUPE.resolve(pekko.getFileName());
      assertTrue(Files.exists(troupe), "no Troupe twin of " + pekko + ": expected " + troupe);
      assertEquals(asTroupe(Files.readString(pekko, StandardCharsets.UTF_8)), Files.readString(troupe, StandardCharsets.UTF_8),
          troupe + " must equal " + pekko + " with its package, imports and config root changed");
    }
    for (Path troupe : benchmarkSources(TROUPE)) {
      assertTrue(Files.exists(PEKKO.resolve(troupe.getFileName())), "no Pekko twin of " + troupe);
    }
  }

  private static String asTroupe(String pekkoSource) {
    return pekkoSource
        .replace("package io.troupe.bench.serialization.pekko;", "package io.troupe.bench.serialization.troupe;")
        .replace("import org.apache.pekko.", "import io.troupe.")
        .replace("\"pekko { ", "\"troupe { ");
  }

  private static List<Path> benchmarkSources(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("package-info.java"))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}

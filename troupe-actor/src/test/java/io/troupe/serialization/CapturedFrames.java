package io.troupe.serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frames of {@code spec/vectors/artery-tcp-frames.jsonl} (two real Pekko 1.7.0 nodes on loopback), reduced to what
 * serializer tests need: label, serializer id, manifest and the payload bytes cut out of the frame at
 * {@code payloadOffset}. The folder comes from the system property {@code troupe.vectors.dir} (set by the parent pom
 * for surefire), else {@code ../spec/vectors}. Shared with other modules' tests through this module's test-jar. Read with regular expressions: the lines are flat JSON objects.
 */
public final class CapturedFrames {
  private CapturedFrames() {}

  /** One captured frame. */
  public record Frame(int seq, String scenario, String label, int serializerId, String manifest, byte[] payload) {
    @Override public String toString() { return "frame " + seq + " (" + scenario + ", " + label + ")"; }
  }

  private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
  private static final Pattern SCENARIO = Pattern.compile("\"scenario\":\"([^\"]*)\"");
  private static final Pattern LABEL = Pattern.compile("\"label\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern SERIALIZER = Pattern.compile("\"serializerId\":(-?\\d+)");
  private static final Pattern MANIFEST = Pattern.compile("\"manifest\":(null|\"((?:[^\"\\\\]|\\\\.)*)\")");
  private static final Pattern OFFSET = Pattern.compile("\"payloadOffset\":(\\d+)");
  private static final Pattern FRAME = Pattern.compile("\"frameHex\":\"([0-9a-fA-F]*)\"");

  public static Path vectorsDir() {
    String p = System.getProperty("troupe.vectors.dir");
    Path dir = p != null ? Path.of(p) : Path.of("..", "spec", "vectors");
    if (!Files.isDirectory(dir)) throw new AssertionError("no vectors folder at " + dir.toAbsolutePath());
    return dir;
  }

  /** Every frame whose serializer id is one of {@code ids}. */
  public static List<Frame> withSerializer(int... ids) throws IOException {
    List<Frame> out = new ArrayList<>();
    for (String line : Files.readAllLines(vectorsDir().resolve("artery-tcp-frames.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      int id = Integer.parseInt(find(SERIALIZER, line, 1));
      if (Arrays.stream(ids).noneMatch(i -> i == id)) continue;
      byte[] frame = HexFormat.of().parseHex(find(FRAME, line, 1));
      int offset = Integer.parseInt(find(OFFSET, line, 1));
      Matcher m = MANIFEST.matcher(line);
      String manifest = m.find() && m.group(2) != null ? unescape(m.group(2)) : "";
      out.add(new Frame(Integer.parseInt(find(SEQ, line, 1)), find(SCENARIO, line, 1), unescape(find(LABEL, line, 1)),
          id, manifest, Arrays.copyOfRange(frame, offset, frame.length)));
    }
    return out;
  }

  private static String find(Pattern p, String line, int group) {
    Matcher m = p.matcher(line);
    if (!m.find()) throw new AssertionError("no " + p + " in " + line);
    return m.group(group);
  }

  private static String unescape(String s) {
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}

package io.troupe.remote.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the captured Pekko frames of spec/vectors (located by the system property troupe.vectors.dir). */
public final class WireVectors {
  private WireVectors() {}

  public static Path dir() {
    String d = System.getProperty("troupe.vectors.dir");
    Path p = d != null ? Paths.get(d) : Paths.get("../spec/vectors");
    if (!Files.isDirectory(p)) throw new IllegalStateException("wire vectors not found at " + p.toAbsolutePath());
    return p;
  }

  public static List<Map<String, Object>> frames() {
    try {
      List<Map<String, Object>> out = new ArrayList<>();
      for (String line : Files.readAllLines(dir().resolve("artery-tcp-frames.jsonl"))) {
        if (!line.isBlank()) out.add(parseFlat(line));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each connection's byte stream: file name to bytes. */
  public static Map<String, byte[]> streams() {
    try (var files = Files.list(dir().resolve("streams"))) {
      Map<String, byte[]> out = new java.util.TreeMap<>();
      for (Path f : (Iterable<Path>) files::iterator) {
        StringBuilder hex = new StringBuilder();
        for (String line : Files.readAllLines(f)) {
          if (!line.startsWith("#")) hex.append(line.trim());
        }
        out.put(f.getFileName().toString(), unhex(hex.toString()));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] unhex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return b;
  }

  public static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) sb.append(String.format("%02x", x & 0xff));
    return sb.toString();
  }

  /** A parser for the flat JSON objects of the jsonl file: string, number, boolean and null values. */
  public static Map<String, Object> parseFlat(String s) {
    Map<String, Object> m = new LinkedHashMap<>();
    int i = s.indexOf('{') + 1;
    while (true) {
      i = skipWs(s, i);
      if (s.charAt(i) == '}') return m;
      if (s.charAt(i) == ',') i = skipWs(s, i + 1);
      int[] end = new int[1];
      String key = readString(s, i, end);
      i = skipWs(s, end[0]);
      i = skipWs(s, i + 1); // ':'
      Object v;
      char c = s.charAt(i);
      if (c == '"') {
        v = readString(s, i, end);
        i = end[0];
      } else {
        int j = i;
        while (j < s.length() && ",}".indexOf(s.charAt(j)) < 0) j++;
        String raw = s.substring(i, j).trim();
        if (raw.equals("null")) v = null;
        else if (raw.equals("true") || raw.equals("false")) v = Boolean.parseBoolean(raw);
        else v = new java.math.BigInteger(raw);
        i = j;
      }
      m.put(key, v);
    }
  }

  private static int skipWs(String s, int i) {
    while (Character.isWhitespace(s.charAt(i))) i++;
    return i;
  }

  private static String readString(String s, int i, int[] end) {
    StringBuilder sb = new StringBuilder();
    int j = i + 1;
    while (s.charAt(j) != '"') {
      char c = s.charAt(j);
      if (c == '\\') {
        char n = s.charAt(++j);
        switch (n) {
          case 'n': sb.append('\n'); break;
          case 't': sb.append('\t'); break;
          case 'u': sb.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16)); j += 4; break;
          default: sb.append(n);
        }
      } else {
        sb.append(c);
      }
      j++;
    }
    end[0] = j + 1;
    return sb.toString();
  }
}

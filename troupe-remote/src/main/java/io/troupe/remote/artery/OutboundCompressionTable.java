package io.troupe.remote.artery;

import io.troupe.remote.codec.EnvelopeDescriptor;
import java.util.HashMap;
import java.util.List;

/**
 * A compression table the peer advertised and this node uses on its ordinary stream to that peer (spec 8): the
 * table's version, written in every ordinary frame's header, and key to index, looked up with the path or manifest
 * string the encoder holds anyway. Immutable.
 */
final class OutboundCompressionTable {
  /** Before any advertisement: version 0, nothing compressed. */
  static final OutboundCompressionTable NONE = new OutboundCompressionTable(0, new HashMap<>());

  final int version;
  private final HashMap<String, Integer> index;

  private OutboundCompressionTable(int version, HashMap<String, Integer> index) {
    this.version = version;
    this.index = index;
  }

  /**
   * The table of an advertisement, or null when it is unusable: a version outside 0..127, a value outside the 16 bits
   * of a compressed tag, or a key and value count that differ. Empty keys (no sender) are left out: "no sender"
   * always travels as an empty literal.
   */
  static OutboundCompressionTable of(int version, List<String> keys, List<Integer> values) {
    if (version < 0 || version > 127 || keys.size() != values.size()) return null;
    HashMap<String, Integer> index = new HashMap<>(keys.size() * 2);
    for (int i = 0; i < keys.size(); i++) {
      int v = values.get(i);
      if (v < 0 || v > EnvelopeDescriptor.TAG_VALUE_MASK) return null;
      if (!keys.get(i).isEmpty()) index.put(keys.get(i), v);
    }
    return new OutboundCompressionTable(version, index);
  }

  boolean isEmpty() { return index.isEmpty(); }

  int size() { return index.size(); }

  /** The index of {@code key}, or -1 to write it as a literal. */
  int indexOf(String key) {
    Integer i = index.get(key);
    return i == null ? -1 : i;
  }

  @Override
  public String toString() {
    return "OutboundCompressionTable(v" + version + ", " + index.size() + " entries)";
  }
}

package io.troupe.remote.artery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Counts how often keys (actor paths, manifests) arrive from one peer, to pick the ones worth a compression table
 * entry. Bounded: at {@code limit} keys, every key counted no more often than the median is forgotten (at least half
 * of them), so a peer that sends ever new keys cannot make it grow, while the keys that keep coming stay. A repeated
 * key costs one hash lookup and an increment; only a new key allocates. One thread at a time (see
 * {@link InboundCompression#hits}).
 */
final class HitCounter {
  /** One counted key and the value it decoded to (an actor ref, or the manifest itself). */
  static final class Hit {
    final String key;
    Object value;
    long count;

    Hit(String key, Object value) {
      this.key = key;
      this.value = value;
    }
  }

  private final int limit;
  private final HashMap<String, Hit> hits;
  /** The number of keys, readable from any thread (a diagnostic). */
  private volatile int size;

  HitCounter(int limit) {
    if (limit < 2) throw new IllegalArgumentException("limit must be at least 2, was " + limit);
    this.limit = limit;
    this.hits = new HashMap<>(Math.min(limit, 1024) * 2);
  }

  /** Counts one occurrence of {@code key}, remembering {@code value} as what it stands for. */
  void hit(String key, Object value) {
    if (hitIfCounted(key, value)) return;
    if (hits.size() >= limit) prune();
    Hit h = new Hit(key, value);
    h.count = 1;
    hits.put(key, h);
    size = hits.size();
  }

  /** Counts one occurrence of {@code key} if it is counted already (then true); a new key is left alone (false). */
  boolean hitIfCounted(String key, Object value) {
    Hit h = hits.get(key);
    if (h == null) return false;
    if (h.value != value) h.value = value;
    h.count++;
    return true;
  }

  /** Forgets every key counted no more often than the median. */
  private void prune() {
    long[] counts = new long[hits.size()];
    int i = 0;
    for (Hit h : hits.values()) counts[i++] = h.count;
    Arrays.sort(counts);
    long median = counts[counts.length / 2];
    hits.values().removeIf(h -> h.count <= median);
  }

  /**
   * The {@code n} most counted keys, most counted first (ties by key, so the order is stable); then every count is
   * halved and the keys that reach zero are forgotten, so the next table follows recent traffic.
   */
  List<Hit> takeTop(int n) {
    List<Hit> all = new ArrayList<>(hits.values());
    all.sort((x, y) -> x.count != y.count ? Long.compare(y.count, x.count) : x.key.compareTo(y.key));
    List<Hit> top = new ArrayList<>(all.subList(0, Math.min(n, all.size())));
    hits.values().removeIf(h -> (h.count >>= 1) == 0);
    size = hits.size();
    return top;
  }

  int size() { return size; }

  int limit() { return limit; }
}

package io.troupe.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An immutable hash ring. Each node is placed on the ring {@code virtualNodesFactor} times (at the hashes of its key
 * followed by the replica number), which evens out the share of keys each node gets; a key belongs to the first node
 * position at or after the key's hash, wrapping around. Adding or removing one node therefore moves only the keys of
 * the ring segments next to its positions. Lookups are a binary search over a sorted {@code int[]}: no locks, no
 * allocation beyond hashing the key.
 *
 * <p>Hashes are 32-bit MurmurHash3 (x86, seed 0) of UTF-8 bytes. They are stable across JVMs, so the same keys and
 * node keys give the same placement everywhere.
 */
public final class ConsistentHash<T> {
  private final int[] positions;
  private final Object[] owners;
  private final int virtualNodesFactor;

  private ConsistentHash(int[] positions, Object[] owners, int virtualNodesFactor) {
    this.positions = positions;
    this.owners = owners;
    this.virtualNodesFactor = virtualNodesFactor;
  }

  /** A ring of {@code nodes}, each placed by its {@code toString()}. */
  public static <T> ConsistentHash<T> create(Iterable<T> nodes, int virtualNodesFactor) {
    return create(nodes, virtualNodesFactor, String::valueOf);
  }

  /**
   * A ring of {@code nodes}, each placed by {@code nodeKey}.
   *
   * @throws IllegalArgumentException when {@code virtualNodesFactor} is less than 1
   */
  public static <T> ConsistentHash<T> create(Iterable<T> nodes, int virtualNodesFactor, Function<? super T, String> nodeKey) {
    if (virtualNodesFactor < 1) {
      throw new IllegalArgumentException("virtualNodesFactor = " + virtualNodesFactor + " is out of range (expected at least 1)");
    }
    List<Object[]> points = new ArrayList<>();
    for (T node : nodes) {
      String key = Objects.requireNonNull(nodeKey.apply(node), "node key");
      for (int replica = 0; replica < virtualNodesFactor; replica++) {
        points.add(new Object[] {hash(key + ":" + replica), node});
      }
    }
    points.sort(Comparator.comparingInt(p -> (Integer) p[0]));
    int[] pos = new int[points.size()];
    Object[] own = new Object[points.size()];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = (Integer) points.get(i)[0];
      own[i] = points.get(i)[1];
    }
    return new ConsistentHash<>(pos, own, virtualNodesFactor);
  }

  public boolean isEmpty() { return positions.length == 0; }

  public int virtualNodesFactor() { return virtualNodesFactor; }

  /** The node owning {@code key}. @throws IllegalStateException when the ring is empty */
  public T nodeFor(byte[] key) { return nodeAt(hash(key)); }

  /** The node owning {@code key} (hashed as UTF-8). @throws IllegalStateException when the ring is empty */
  public T nodeFor(String key) { return nodeAt(hash(key)); }

  /** The node owning the ring position {@code keyHash}. */
  @SuppressWarnings("unchecked")
  public T nodeAt(int keyHash) {
    if (positions.length == 0) throw new IllegalStateException("cannot find a node in an empty ring");
    int i = Arrays.binarySearch(positions, keyHash);
    if (i < 0) i = -i - 1;
    if (i == positions.length) i = 0;
    return (T) owners[i];
  }

  /** The ring position of a string key (MurmurHash3 of its UTF-8 bytes). */
  public static int hash(String key) { return hash(key.getBytes(StandardCharsets.UTF_8)); }

  /** The ring position of a byte key: MurmurHash3, x86 32-bit variant, seed 0. */
  public static int hash(byte[] data) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h = 0;
    int blocks = data.length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
      k *= c1;
      k = Integer.rotateLeft(k, 15);
      k *= c2;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int k = 0;
    switch (data.length & 3) {
      case 3:
        k ^= (data[blocks + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[blocks + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[blocks] & 0xff;
        k *= c1;
        k = Integer.rotateLeft(k, 15);
        k *= c2;
        h ^= k;
        break;
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}

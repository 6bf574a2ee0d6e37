package io.troupe.remote.artery;

import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.EnvelopeDescriptor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The receiving side of one compression table kind (actor refs or manifests) for one incarnation of a peer (spec 8):
 * what this node counted in the peer's ordinary-stream frames, the tables it advertised to the peer, and the decoding
 * of compressed tags against them.
 *
 * <p>Tables: the active one, up to {@value #KEEP_OLD_TABLES} older ones (frames in flight may still use them) and
 * at most one advertised but not yet confirmed. Versions run 1, 2, ... 127, then 0, 1, ...; the initial active table
 * is the empty version 0. An advertised table becomes active when the peer acknowledges it, when its first frame uses
 * it, or, unconfirmed, after {@value #MAX_RESENDS} resends on the following interval ticks.
 *
 * <p>Threads: the tables are one immutable {@link State} swapped by compare-and-set, so the inbound connection's I/O
 * thread decodes without locks while the association's thread runs the interval ticks. The {@link HitCounter} is
 * counted by one inbound connection at a time: the first one to use it owns it until it closes.
 */
final class InboundCompression {
  static final int KEEP_OLD_TABLES = 3;
  static final int MAX_RESENDS = 3;
  /** Keys counted per table entry before the least counted are forgotten. */
  static final int COUNTED_KEYS_PER_ENTRY = 4;

  /** An advertised table: index to key and to the value the key decodes to. Immutable. */
  static final class Table {
    final int version;
    final String[] keys;
    final Object[] values;

    Table(int version, String[] keys, Object[] values) {
      this.version = version;
      this.keys = keys;
      this.values = values;
    }

    /** The value at {@code index}, or null when the table has no such index. */
    Object value(int index) {
      return index < values.length ? values[index] : null;
    }

    String key(int index) {
      return keys[index];
    }

    int size() { return keys.length; }

    @Override
    public String toString() {
      return "Table(v" + version + ", " + keys.length + " entries)";
    }
  }

  /** The tables and the progress of an advertisement. Immutable. */
  static final class State {
    final Table active;
    /** The peer acknowledged or used the active table (false when it was taken after unanswered resends). */
    final boolean activeConfirmed;
    /** Newest first, at most {@link #KEEP_OLD_TABLES}. */
    final Table[] old;
    /** Advertised, waiting for confirmation; null when none. */
    final Table advertised;
    /** Resends of {@link #advertised} so far. */
    final int resends;
    /** The interval elapsed: the next counted frame builds and advertises a new table. */
    final boolean due;

    State(Table active, boolean activeConfirmed, Table[] old, Table advertised, int resends, boolean due) {
      this.active = active;
      this.activeConfirmed = activeConfirmed;
      this.old = old;
      this.advertised = advertised;
      this.resends = resends;
      this.due = due;
    }

    /** The active or an old table of {@code version}, else null. */
    Table select(int version) {
      if (active.version == version) return active;
      for (Table t : old) if (t.version == version) return t;
      return null;
    }

    State activateAdvertised(boolean confirmed) {
      Table[] o = new Table[Math.min(KEEP_OLD_TABLES, old.length + 1)];
      o[0] = active;
      System.arraycopy(old, 0, o, 1, o.length - 1);
      return new State(advertised, confirmed, o, null, 0, false);
    }

    /** The same tables with another advertisement progress. */
    State with(Table advertised, int resends, boolean due) {
      return new State(active, activeConfirmed, old, advertised, resends, due);
    }

    /** The version the next table gets. */
    int nextVersion() {
      return active.version == 127 ? 0 : active.version + 1;
    }
  }

  private static final State INITIAL = new State(new Table(0, new String[0], new Object[0]), true, new Table[0], null, 0, false);

  final boolean actorRefs;
  /** The incarnation of the peer these tables are for. */
  final long peerUid;
  /** At most this many entries per table. */
  final int max;
  private final AtomicReference<State> state = new AtomicReference<>(INITIAL);
  private final HitCounter hits;
  private final AtomicReference<Object> hitsOwner = new AtomicReference<>();

  InboundCompression(boolean actorRefs, long peerUid, int max) {
    if (max <= 0) throw new IllegalArgumentException("max must be positive, was " + max);
    this.actorRefs = actorRefs;
    this.peerUid = peerUid;
    this.max = Math.min(max, EnvelopeDescriptor.TAG_VALUE_MASK + 1);
    this.hits = new HitCounter(Math.max(64, this.max * COUNTED_KEYS_PER_ENTRY));
  }

  State state() { return state.get(); }

  /** The kind, as in logs and config: "actor-refs" or "manifests". */
  String kind() { return actorRefs ? "actor-refs" : "manifests"; }

  // ------------------------------------------------------------------ decoding (inbound I/O thread)

  /**
   * The table a compressed tag of {@code version} refers to, or null when unknown. A frame using the advertised
   * table confirms it (the peer switched to it; its ack may still be on the way).
   */
  Table table(int version) {
    State s = state.get();
    Table t = s.select(version);
    if (t != null) return t;
    Table adv = s.advertised;
    if (adv != null && adv.version == version) {
      confirm(version);
      return adv;
    }
    return null;
  }

  /** The peer acknowledged (or used) {@code version}: it becomes the active table. False when not advertised. */
  boolean confirm(int version) {
    while (true) {
      State s = state.get();
      if (s.advertised == null || s.advertised.version != version) return false;
      if (state.compareAndSet(s, s.activateAdvertised(true))) return true;
    }
  }

  // ------------------------------------------------------------------ counting and advertising

  /** The counter, when {@code connection} may count: it owns it, or takes it because nobody does. Else null. */
  HitCounter hits(Object connection) {
    Object o = hitsOwner.get();
    if (o == connection) return hits;
    if (o == null && hitsOwner.compareAndSet(null, connection)) return hits;
    return null;
  }

  /** {@code connection} closed: another may count from now on. */
  void releaseHits(Object connection) {
    hitsOwner.compareAndSet(connection, null);
  }

  /** Keys counted (a diagnostic; bounded by {@link #countedKeysLimit()}). */
  int countedKeys() { return hits.size(); }

  int countedKeysLimit() { return hits.limit(); }

  /** True when the next counted frame should build and advertise a new table. */
  boolean due() {
    return state.get().due;
  }

  /**
   * Builds the next table from the most counted keys and makes it the advertised one; returns it for sending, or
   * null when there is nothing new to advertise: no keys, another advertisement under way, or the same keys as the
   * active table when the peer confirmed that one (their order does not matter: every index takes four bytes). A table
   * taken without confirmation may never have reached the peer, so the same keys are advertised again. Called by the
   * thread that owns {@code counter}.
   */
  Table advertiseFrom(HitCounter counter) {
    State s = state.get();
    if (!s.due || s.advertised != null) return null;
    List<HitCounter.Hit> top = counter.takeTop(max);
    String[] keys = new String[top.size()];
    Object[] values = new Object[top.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = top.get(i).key;
      values[i] = top.get(i).value;
    }
    boolean unchanged = keys.length == 0 || (s.activeConfirmed && sameKeys(keys, s.active.keys));
    State next = s.with(unchanged ? null : new Table(s.nextVersion(), keys, values), 0, false);
    if (!state.compareAndSet(s, next)) return null;
    return next.advertised;
  }

  private static boolean sameKeys(String[] keys, String[] active) {
    return keys.length == active.length && new HashSet<>(Arrays.asList(active)).containsAll(Arrays.asList(keys));
  }

  /** What an interval tick did. */
  enum Tick { DUE, RESEND, GAVE_UP }

  /**
   * The advertisement interval elapsed. With an advertisement under way, it is resent ({@link Tick#RESEND}) up to
   * {@value #MAX_RESENDS} times, and then taken as confirmed anyway ({@link Tick#GAVE_UP}); otherwise the next counted
   * frame advertises a new table ({@link Tick#DUE}).
   */
  Tick tick() {
    while (true) {
      State s = state.get();
      State next;
      Tick result;
      if (s.advertised == null) {
        next = s.due ? s : s.with(null, 0, true);
        result = Tick.DUE;
      } else if (s.resends < MAX_RESENDS) {
        next = s.with(s.advertised, s.resends + 1, false);
        result = Tick.RESEND;
      } else {
        next = s.activateAdvertised(false);
        result = Tick.GAVE_UP;
      }
      if (next == s || state.compareAndSet(s, next)) return result;
    }
  }

  /** The advertisement of {@code t} from {@code from} (this node) to the peer: keys with their indices 0..n-1. */
  ControlMessage.CompressionAdvertisement advertisement(UniqueAddress from, Table t) {
    Integer[] values = new Integer[t.size()];
    for (int i = 0; i < values.length; i++) values[i] = i;
    return new ControlMessage.CompressionAdvertisement(actorRefs, from, peerUid, t.version, Arrays.asList(t.keys),
        Arrays.asList(values));
  }

  @Override
  public String toString() {
    State s = state.get();
    return "InboundCompression(" + kind() + ", peer UID " + peerUid + ", active v" + s.active.version
        + (s.advertised == null ? "" : ", advertised v" + s.advertised.version) + ")";
  }
}

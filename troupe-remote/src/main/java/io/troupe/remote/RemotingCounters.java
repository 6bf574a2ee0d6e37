package io.troupe.remote;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What remoting counted: messages and bytes, every drop by its reason, quarantines, closed connections. Read them
 * with {@code RemotingCounters.get(system).get(Counter.DROPPED_QUEUE_FULL)} or {@link #snapshot()}. Counting is a
 * {@link LongAdder} increment: cheap on every thread.
 */
public final class RemotingCounters {
  /** The counters, with stable ids and labels. */
  public enum Counter {
    MESSAGES_SENT(1, "messages sent"),
    MESSAGES_RECEIVED(2, "messages received"),
    BYTES_SENT(3, "payload bytes sent"),
    BYTES_RECEIVED(4, "payload bytes received"),
    DROPPED_QUEUE_FULL(10, "dropped: outbound queue full"),
    DROPPED_NO_SERIALIZER(11, "dropped: no serializer for the message class"),
    DROPPED_SERIALIZATION_FAILED(12, "dropped: serializer failed"),
    DROPPED_FRAME_TOO_LARGE(13, "dropped: larger than maximum-frame-size"),
    DROPPED_QUARANTINED(14, "dropped: peer quarantined"),
    DROPPED_HANDSHAKE_TIMEOUT(15, "dropped: handshake timed out"),
    DROPPED_GATED(16, "dropped: association gated"),
    DROPPED_UNKNOWN_RECIPIENT(17, "dropped: no actor at the recipient path"),
    DROPPED_DESERIALIZATION_FAILED(18, "dropped: payload failed to deserialize"),
    DROPPED_UNKNOWN_SERIALIZER(19, "dropped: unknown serializer id"),
    DROPPED_UNKNOWN_ORIGIN(20, "dropped: sender system not associated (no handshake)"),
    DROPPED_WRONG_ADDRESS(21, "dropped: addressed to another host name or port"),
    DROPPED_UNTRUSTED(22, "dropped: refused in untrusted mode"),
    DROPPED_COMPRESSION_UNKNOWN(23, "dropped: unknown compression table entry"),
    DROPPED_UNSUPPORTED_VERSION(24, "dropped: unsupported envelope version"),
    DROPPED_DEPLOYMENT_REFUSED(25, "dropped: remote deployment refused (allow list or bad path)"),
    CONNECTIONS_CLOSED_MALFORMED(30, "connections closed on malformed input"),
    HANDSHAKES_COMPLETED(31, "handshakes completed"),
    QUARANTINES(32, "peer incarnations quarantined"),
    SYSTEM_MESSAGES_RESENT(33, "system messages resent"),
    HEARTBEAT_RESPONSES_RECEIVED(34, "remote-watch heartbeat responses received"),
    NODES_DEEMED_UNREACHABLE(35, "nodes declared unreachable by the failure detector"),
    HEARTBEATS_ANSWERED(36, "remote-watch heartbeats answered (a peer watches actors here)"),
    COMPRESSION_TABLES_ADVERTISED(37, "compression tables advertised to peers (resends not counted)"),
    COMPRESSION_TABLES_ACCEPTED(38, "compression tables of peers accepted for sending to them"),
    COMPRESSED_MESSAGES_SENT(39, "messages sent with at least one compressed tag"),
    COMPRESSED_MESSAGES_RECEIVED(40, "messages received with at least one compressed tag"),
    MESSAGES_SENT_DIRECT(41, "of the messages sent, those the sending thread wrote to an idle connection itself (tcp direct-writes)");

    private final int id;
    private final String label;

    Counter(int id, String label) {
      this.id = id;
      this.label = label;
    }

    public int id() { return id; }
    public String label() { return label; }

    /** True for the counters of dropped messages. */
    public boolean isDrop() { return name().startsWith("DROPPED_"); }
  }

  private final LongAdder[] adders = new LongAdder[Counter.values().length];

  public RemotingCounters() {
    for (int i = 0; i < adders.length; i++) adders[i] = new LongAdder();
  }

  /** The counters of {@code system}, which must run with {@code troupe.actor.provider = remote}. */
  public static RemotingCounters get(ActorSystem system) {
    io.troupe.actor.ActorRefProvider p = ((ExtendedActorSystem) system).provider();
    if (!(p instanceof RemoteActorRefProvider)) {
      throw new IllegalStateException("actor system [" + system.name() + "] does not run remoting (troupe.actor.provider = remote)");
    }
    return ((RemoteActorRefProvider) p).counters();
  }

  public void increment(Counter c) { adders[c.ordinal()].increment(); }

  public void add(Counter c, long n) { adders[c.ordinal()].add(n); }

  public long get(Counter c) { return adders[c.ordinal()].sum(); }

  /** Every counter's current value. */
  public Map<Counter, Long> snapshot() {
    Map<Counter, Long> m = new EnumMap<>(Counter.class);
    for (Counter c : Counter.values()) m.put(c, get(c));
    return m;
  }

  /** All dropped messages, whatever the reason. */
  public long totalDropped() {
    long n = 0;
    for (Counter c : Counter.values()) if (c.isDrop()) n += get(c);
    return n;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RemotingCounters(");
    boolean first = true;
    for (Counter c : Counter.values()) {
      long v = get(c);
      if (v == 0) continue;
      if (!first) sb.append(", ");
      first = false;
      sb.append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(v);
    }
    return sb.append(')').toString();
  }
}

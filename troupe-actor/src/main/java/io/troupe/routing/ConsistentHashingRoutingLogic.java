package io.troupe.routing;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorSystem;
import io.troupe.routing.ConsistentHashingRouter.ConsistentHashMapper;
import io.troupe.routing.ConsistentHashingRouter.ConsistentHashable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages with equal keys to the same routee for as long as the set of routees does not change (see
 * {@link ConsistentHashingRouter} for where the key comes from). The ring ({@link ConsistentHash}) is built on the
 * first message after the routees change and shared by all senders until the next change; a routee is placed by its
 * path, so rebuilding from the same routees gives the same ring.
 */
public final class ConsistentHashingRoutingLogic implements RoutingLogic {
  private static final Logger LOG = LoggerFactory.getLogger(ConsistentHashingRoutingLogic.class);
  /** Used when neither the router nor the system gives a factor (Pekko's default). */
  static final int FALLBACK_VIRTUAL_NODES_FACTOR = 10;

  private final ActorSystem system;
  private final int virtualNodesFactor;
  private final ConsistentHashMapper hashMapping;
  private final AtomicReference<Ring> ring = new AtomicReference<>();
  private final ConcurrentHashMap<Class<?>, Boolean> warnedAbout = new ConcurrentHashMap<>();

  private static final class Ring {
    final List<Routee> routees;
    final ConsistentHash<Routee> hash;

    Ring(List<Routee> routees, ConsistentHash<Routee> hash) {
      this.routees = routees;
      this.hash = hash;
    }
  }

  public ConsistentHashingRoutingLogic(ActorSystem system) {
    this(system, 0, ConsistentHashingRouter.emptyConsistentHashMapping);
  }

  /**
   * @param virtualNodesFactor positions per routee on the ring; 0 means
   *     {@code troupe.actor.deployment.default.virtual-nodes-factor}
   */
  public ConsistentHashingRoutingLogic(ActorSystem system, int virtualNodesFactor, ConsistentHashMapper hashMapping) {
    if (virtualNodesFactor < 0) {
      throw new IllegalArgumentException("virtualNodesFactor = " + virtualNodesFactor + " is out of range (expected 0 for the default, or at least 1)");
    }
    this.system = system;
    this.virtualNodesFactor = virtualNodesFactor;
    this.hashMapping = Objects.requireNonNull(hashMapping, "hashMapping");
  }

  public ConsistentHashingRoutingLogic withVirtualNodesFactor(int factor) {
    return new ConsistentHashingRoutingLogic(system, factor, hashMapping);
  }

  public ConsistentHashingRoutingLogic withHashMapper(ConsistentHashMapper mapper) {
    return new ConsistentHashingRoutingLogic(system, virtualNodesFactor, mapper);
  }

  /** The factor in effect: the one given, or the system's default. */
  public int virtualNodesFactor() {
    if (virtualNodesFactor > 0) return virtualNodesFactor;
    return system == null ? FALLBACK_VIRTUAL_NODES_FACTOR : system.settings().defaultVirtualNodesFactor();
  }

  public ConsistentHashMapper hashMapping() { return hashMapping; }

  @Override
  public Routee select(Object message, List<Routee> routees) {
    if (routees.isEmpty()) return NoRoutee.getInstance();
    Object key = hashMapping.hashKey(message);
    if (key == null && message instanceof ConsistentHashable) key = ((ConsistentHashable) message).consistentHashKey();
    if (key == null) {
      warnNoKey(message);
      return NoRoutee.getInstance();
    }
    return ringFor(routees).nodeAt(keyHash(key));
  }

  private void warnNoKey(Object message) {
    String text = "Message [{}] has no consistent-hashing key: map it with withHashMapper, implement "
        + "ConsistentHashingRouter.ConsistentHashable, or wrap it in ConsistentHashingRouter.ConsistentHashableEnvelope; "
        + "it goes to dead letters";
    if (warnedAbout.putIfAbsent(message.getClass(), Boolean.TRUE) == null) LOG.warn(text, message.getClass().getName());
    else LOG.debug(text, message.getClass().getName());
  }

  private ConsistentHash<Routee> ringFor(List<Routee> routees) {
    Ring r = ring.get();
    if (r != null && (r.routees == routees || r.routees.equals(routees))) return r.hash;
    ConsistentHash<Routee> h = ConsistentHash.create(routees, virtualNodesFactor(), ConsistentHashingRoutingLogic::routeeKey);
    ring.set(new Ring(routees, h));
    return h;
  }

  /** Where a routee sits on the ring: its path (with address), which identifies it across restarts of the router. */
  static String routeeKey(Routee r) {
    if (r instanceof ActorRefRoutee) return ((ActorRefRoutee) r).ref().path().toString();
    if (r instanceof ActorSelectionRoutee) {
      io.troupe.actor.ActorSelection s = ((ActorSelectionRoutee) r).selection();
      ActorPath anchor = s.anchor().path();
      return anchor.toString() + "|" + s.pathString();
    }
    return r.toString();
  }

  static int keyHash(Object key) {
    if (key instanceof byte[]) return ConsistentHash.hash((byte[]) key);
    if (key instanceof String) return ConsistentHash.hash((String) key);
    int h = key.hashCode();
    return ConsistentHash.hash(new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h});
  }

  @Override public String toString() { return "ConsistentHashingRoutingLogic(" + virtualNodesFactor() + ")"; }
}

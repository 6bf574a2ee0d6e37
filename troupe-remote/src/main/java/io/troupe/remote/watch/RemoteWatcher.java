package io.troupe.remote.watch;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.actor.AbstractActorWithTimers;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Address;
import io.troupe.actor.Terminated;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.event.EventStream;
import io.troupe.remote.FailureDetector;
import io.troupe.remote.FailureDetectorRegistry;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /system/remote-watcher}: watches remote actors on behalf of local watchers, as Pekko's remote watcher does, so
 * that a Pekko node sees the same protocol.
 *
 * <p>Design note. A local {@code watch(remoteRef)} does not go to the wire as is: the remote ref hands it here
 * ({@link WatchRemote}). This actor watches each remote watchee once (its own Watch goes to the wire, with itself as
 * watcher), remembers the local watchers, and fans the watchee's death notification out to them. For every node with
 * watchees it sends a heartbeat (an actor selection to the peer's remote watcher) every {@code heartbeat-interval},
 * feeds each response into that node's failure detector, and every {@code unreachable-nodes-reaper-interval} checks
 * the detectors: an unavailable node is quarantined and every watcher of an actor there gets {@code Terminated} with
 * {@code addressTerminated = true}. A quarantine for any other reason (a new incarnation, a graceful shutdown) ends the
 * watches the same way. The first heartbeat response, and one with a new UID, triggers a re-watch of the node's
 * watchees. It also answers heartbeats from other nodes. All state is this actor's own.
 */
public final class RemoteWatcher extends AbstractActorWithTimers {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWatcher.class);

  /** A local actor watches a remote one. */
  public record WatchRemote(ActorRef watchee, ActorRef watcher) {}

  /** A local actor no longer watches a remote one. */
  public record UnwatchRemote(ActorRef watchee, ActorRef watcher) {}

  /** A peer incarnation was quarantined. */
  public record AddressTerminated(UniqueAddress node) {}

  private record ExpectedFirstResponse(Address node) {}

  private enum Tick { HEARTBEAT, REAP }

  private static final List<SelectionPathElement> REMOTE_WATCHER_PATH = List.of(
      new SelectionPathElement.SelectChildName("system"), new SelectionPathElement.SelectChildName("remote-watcher"));

  private final RemoteActorRefProvider provider;
  private final Duration heartbeatInterval;
  private final Duration reaperInterval;
  private final Duration expectedResponseAfter;
  private final FailureDetectorRegistry<Address> detectors;
  private final Map<ActorRef, Set<ActorRef>> watchersByWatchee = new HashMap<>();
  private final Map<Address, Set<ActorRef>> watcheesByNode = new HashMap<>();
  private final Set<Address> unreachable = new HashSet<>();
  private final Map<Address, Long> uids = new HashMap<>();
  private final Set<Address> heartbeatStarted = new HashSet<>();

  public RemoteWatcher(RemoteActorRefProvider provider) {
    this.provider = provider;
    Config c = getContext().getSystem().settings().config().getConfig("troupe.remote.watch-failure-detector");
    this.heartbeatInterval = c.getDuration("heartbeat-interval");
    this.reaperInterval = c.getDuration("unreachable-nodes-reaper-interval");
    this.expectedResponseAfter = c.getDuration("expected-response-after");
    EventStream es = getContext().getSystem().eventStream();
    String cls = c.getString("implementation-class").replace("org.apache.pekko.remote.", "io.troupe.remote.");
    this.detectors = new FailureDetectorRegistry<>(() -> createDetector(cls, c, es));
    createDetector(cls, c, es); // fail at start on a bad class or setting
  }

  static FailureDetector createDetector(String cls, Config c, EventStream es) {
    try {
      Class<?> k = Class.forName(cls, true, RemoteWatcher.class.getClassLoader());
      return (FailureDetector) k.getConstructor(Config.class, EventStream.class).newInstance(c, es);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new ConfigurationException("troupe.remote.watch-failure-detector: " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ConfigurationException("troupe.remote.watch-failure-detector.implementation-class = " + cls
          + " must implement io.troupe.remote.FailureDetector with a public (Config, EventStream) constructor: " + e, e);
    }
  }

  @Override
  public void preStart() {
    getTimers().startTimerWithFixedDelay(Tick.HEARTBEAT, Tick.HEARTBEAT, heartbeatInterval);
    getTimers().startTimerWithFixedDelay(Tick.REAP, Tick.REAP, reaperInterval);
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(WatchRemote.class, w -> addWatch(w.watchee(), w.watcher()))
        .match(UnwatchRemote.class, u -> removeWatch(u.watchee(), u.watcher()))
        .match(Terminated.class, this::watcheeTerminated)
        .match(ControlMessage.ArteryHeartbeat.class, h -> {
          provider.counters().increment(Counter.HEARTBEATS_ANSWERED);
          getSender().tell(new ControlMessage.ArteryHeartbeatRsp(provider.localUniqueAddress().uid()), getSelf());
        })
        .match(ControlMessage.ArteryHeartbeatRsp.class, r -> heartbeatResponse(getSender().path().address(), r.uid()))
        .matchEquals(Tick.HEARTBEAT, t -> sendHeartbeats())
        .matchEquals(Tick.REAP, t -> reap())
        .match(ExpectedFirstResponse.class, e -> expectedFirstResponse(e.node()))
        .match(AddressTerminated.class, a -> addressTerminated(a.node()))
        .build();
  }

  private void addWatch(ActorRef watchee, ActorRef watcher) {
    Set<ActorRef> ws = watchersByWatchee.get(watchee);
    if (ws == null) {
      ws = new LinkedHashSet<>();
      watchersByWatchee.put(watchee, ws);
      getContext().watch(watchee); // goes to the wire with this actor as the watcher
      watcheesByNode.computeIfAbsent(watchee.path().address(), k -> new LinkedHashSet<>()).add(watchee);
    }
    ws.add(watcher);
  }

  private void removeWatch(ActorRef watchee, ActorRef watcher) {
    Set<ActorRef> ws = watchersByWatchee.get(watchee);
    if (ws == null) return;
    ws.remove(watcher);
    if (ws.isEmpty()) {
      watchersByWatchee.remove(watchee);
      getContext().unwatch(watchee);
      forgetWatchee(watchee);
    }
  }

  private void forgetWatchee(ActorRef watchee) {
    Address node = watchee.path().address();
    Set<ActorRef> at = watcheesByNode.get(node);
    if (at != null) {
      at.remove(watchee);
      if (at.isEmpty()) {
        watcheesByNode.remove(node);
        detectors.remove(node);
        heartbeatStarted.remove(node);
      }
    }
  }

  /** The watchee's node told us it died: every local watcher learns it once. */
  private void watcheeTerminated(Terminated t) {
    Set<ActorRef> ws = watchersByWatchee.remove(t.getActor());
    if (ws != null) {
      for (ActorRef w : ws) {
        ((InternalActorRef) w).sendSystemMessage(new SystemMessage.DeathWatchNotification(t.getActor(),
            t.getExistenceConfirmed(), t.getAddressTerminated()));
      }
    }
    forgetWatchee(t.getActor());
  }

  private void sendHeartbeats() {
    for (Address node : watcheesByNode.keySet()) {
      if (unreachable.contains(node)) continue;
      provider.rootGuardianAt(node).tell(new ActorSelectionMessage(ControlMessage.ArteryHeartbeat.INSTANCE,
          REMOTE_WATCHER_PATH, false), getSelf());
      if (heartbeatStarted.add(node)) {
        getTimers().startSingleTimer(new ExpectedFirstResponse(node), new ExpectedFirstResponse(node), expectedResponseAfter);
      }
    }
  }

  private void expectedFirstResponse(Address node) {
    if (watcheesByNode.containsKey(node) && !detectors.isMonitoring(node)) {
      // no answer yet: start the detector anyway, so that a node that never answers is detected
      detectors.heartbeat(node);
    }
  }

  private void heartbeatResponse(Address node, long uid) {
    if (!watcheesByNode.containsKey(node) || unreachable.contains(node)) return;
    Long old = uids.put(node, uid);
    if (old == null || old != uid) reWatch(node);
    detectors.heartbeat(node);
    provider.counters().increment(Counter.HEARTBEAT_RESPONSES_RECEIVED);
  }

  private void reWatch(Address node) {
    for (ActorRef watchee : watcheesByNode.getOrDefault(node, Set.of())) {
      ((InternalActorRef) watchee).sendSystemMessage(new SystemMessage.Watch(watchee, getSelf()));
    }
  }

  private void reap() {
    for (Address node : new ArrayList<>(watcheesByNode.keySet())) {
      if (LOG.isDebugEnabled()) {
        FailureDetector d = detectors.detector(node);
        LOG.debug("failure detector of [{}]: monitoring={} available={} phi={}", node, d != null && d.isMonitoring(), d == null || d.isAvailable(),
            d instanceof io.troupe.remote.PhiAccrualFailureDetector ? ((io.troupe.remote.PhiAccrualFailureDetector) d).phi() : -1);
      }
      if (unreachable.contains(node) || detectors.isAvailable(node)) continue;
      unreachable.add(node);
      provider.counters().increment(io.troupe.remote.RemotingCounters.Counter.NODES_DEEMED_UNREACHABLE);
      Long uid = uids.get(node);
      LOG.warn("Detected unreachable: [{}]; watchers of actors there get Terminated", node);
      if (uid != null) {
        provider.remoting().quarantine(new UniqueAddress(node, uid), "Deemed unreachable by remote failure detector", false);
      }
      terminateNode(node);
      if (uid == null) provider.remoting().abandonUnreachable(node); // never answered: stop retrying it
    }
  }

  private void addressTerminated(UniqueAddress quarantined) {
    Address node = quarantined.address();
    Long known = uids.get(node);
    if (known != null && known != quarantined.uid()) return; // an older incarnation; ours is fine
    terminateNode(node);
  }

  /** Every watcher of an actor on {@code node} gets Terminated(addressTerminated = true), once. */
  private void terminateNode(Address node) {
    Set<ActorRef> watchees = watcheesByNode.remove(node);
    detectors.remove(node);
    heartbeatStarted.remove(node);
    uids.remove(node);
    if (watchees == null) return;
    for (ActorRef watchee : watchees) {
      Set<ActorRef> ws = watchersByWatchee.remove(watchee);
      getContext().unwatch(watchee);
      if (ws == null) continue;
      for (ActorRef w : ws) {
        ((InternalActorRef) w).sendSystemMessage(new SystemMessage.DeathWatchNotification(watchee, true, true));
      }
    }
    unreachable.remove(node);
  }
}

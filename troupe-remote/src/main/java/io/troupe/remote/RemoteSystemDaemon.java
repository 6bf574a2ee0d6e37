package io.troupe.remote;

import com.typesafe.config.Config;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.Address;
import io.troupe.actor.Props;
import io.troupe.actor.internal.EmptyLocalActorRef;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.MinimalActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.serialization.DaemonMsgCreate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /remote}: the node's remote daemon. It creates the actors other nodes deploy here ({@link DaemonMsgCreate}),
 * keeps them under its own path ({@code /remote/<protocol>/<system>@<host>:<port>/<parent path>/<name>}) with the
 * remote parent as their supervisor, and resolves incoming recipients below {@code /remote}.
 *
 * <p>Checks before creating: the path must be this node's and start with {@code remote}; with
 * {@code troupe.remote.deployment.enable-allow-list = on} the actor class must be one of (or a subclass of one of)
 * {@code allowed-actor-classes} (names not on the classpath are ignored); for a router that is the class of its
 * routees, which it creates here as its children. A refused deployment is logged with the class
 * and the deploying node, counted as {@link Counter#DROPPED_DEPLOYMENT_REFUSED}, and the parent is told at once that the
 * child is gone (a death notification with {@code existenceConfirmed = false}), so it leaves the parent's children.
 *
 * <p>The daemon watches every created child (to forget it when it stops) and every remote parent (when a parent stops,
 * or its node is declared unreachable, its children here are stopped).
 *
 * <p>Messages that overtake their DaemonMsgCreate (they travel on the ordinary stream, the create on the control
 * stream) are held, in order, for up to one second for a path below {@code /remote} where no actor lives yet; then
 * they go to dead letters (a Watch is answered with a death notification, an Identify with an empty identity), as in
 * Pekko's 20 retries 50 ms apart.
 *
 * <p>Thread safety: called from the connections' I/O threads and from actors; the maps are guarded by {@code this}.
 */
public final class RemoteSystemDaemon extends MinimalActorRef {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RemoteSystemDaemon.class);
  private static final Duration PENDING_FOR = Duration.ofSeconds(1);
  private static final int MAX_PENDING_PATHS = 1000;
  private static final int MAX_PENDING_PER_PATH = 10_000;

  private final transient RemoteActorRefProvider provider;
  private final ActorPath path;
  private final transient boolean allowListEnabled;
  private final transient List<Class<?>> allowed = new ArrayList<>();
  private final transient ConcurrentHashMap<String, InternalActorRef> children = new ConcurrentHashMap<>();
  private final transient Map<ActorRef, Set<InternalActorRef>> byParent = new HashMap<>();
  private final transient Map<String, List<Object[]>> pending = new HashMap<>();

  RemoteSystemDaemon(RemoteActorRefProvider provider, ActorPath path, Config config, ClassLoader loader) {
    this.provider = provider;
    this.path = path;
    this.allowListEnabled = config.getBoolean("troupe.remote.deployment.enable-allow-list");
    for (String name : config.getStringList("troupe.remote.deployment.allowed-actor-classes")) {
      try {
        allowed.add(Class.forName(name, false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("troupe.remote.deployment.allowed-actor-classes: [{}] is not on the classpath; ignored", name);
      }
    }
  }

  @Override public ActorPath path() { return path; }
  @Override public ActorRefProvider provider() { return provider; }
  @Override public InternalActorRef getParent() { return provider.rootGuardian(); }

  /** The actors deployed here by other nodes, for tests and diagnostics. */
  public List<ActorRef> deployedChildren() { return new ArrayList<>(children.values()); }

  /**
   * At system shutdown (before remoting stops): stops every actor deployed here, so that each runs postStop and its
   * remote parent learns that it stopped, and waits up to {@code max} for them.
   */
  void stopAll(Duration max) {
    List<InternalActorRef> all = new ArrayList<>(children.values());
    if (all.isEmpty()) return;
    for (InternalActorRef c : all) c.stop();
    long deadline = System.nanoTime() + max.toNanos();
    while (!children.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!children.isEmpty()) LOG.warn("{} remote-deployed actors did not stop within {}", children.size(), max);
  }

  @Override
  public void tell(Object message, ActorRef sender) {
    if (message instanceof DaemonMsgCreate) {
      create((DaemonMsgCreate) message);
    } else {
      provider.deadLetters().tell(message, sender);
    }
  }

  @Override
  public void sendSystemMessage(SystemMessage message) {
    if (!(message instanceof SystemMessage.DeathWatchNotification)) return;
    ActorRef dead = ((SystemMessage.DeathWatchNotification) message).actor();
    List<InternalActorRef> orphans = null;
    InternalActorRef unwatch = null;
    synchronized (this) {
      Set<InternalActorRef> kids = byParent.remove(dead);
      if (kids != null) {
        orphans = new ArrayList<>(kids);
      } else {
        String key = key(dead.path());
        if (key != null && dead.equals(children.get(key))) {
          children.remove(key);
          InternalActorRef parent = (InternalActorRef) parentOf(dead);
          if (parent != null) {
            Set<InternalActorRef> s = byParent.get(parent);
            s.remove(dead);
            if (s.isEmpty()) {
              byParent.remove(parent);
              unwatch = parent;
            }
          }
        }
      }
    }
    if (unwatch != null) unwatch.sendSystemMessage(new SystemMessage.Unwatch(unwatch, this));
    if (orphans != null) {
      LOG.debug("parent [{}] of {} remote-deployed actors terminated; stopping them", dead, orphans.size());
      for (InternalActorRef c : orphans) c.stop();
    }
  }

  private ActorRef parentOf(ActorRef child) {
    for (Map.Entry<ActorRef, Set<InternalActorRef>> e : byParent.entrySet()) {
      if (e.getValue().contains(child)) return e.getKey();
    }
    return null;
  }

  // ------------------------------------------------------------------ creation

  private void create(DaemonMsgCreate m) {
    ActorPath p = ActorPaths.parse(m.path());
    InternalActorRef supervisor = (InternalActorRef) m.supervisor();
    Address from = supervisor.path().address();
    if (p == null || !provider.isLocalAddress(p.address()) || p.elements().size() < 3
        || !"remote".equals(p.elements().get(0))) {
      LOG.warn("remote deployment from [{}] to [{}] refused: not a path below this node's /remote ({})", from, m.path(),
          provider.getDefaultAddress());
      provider.counters().increment(Counter.DROPPED_DEPLOYMENT_REFUSED);
      return;
    }
    // the path as this node names it (the deploying node may spell the address differently)
    p = provider.rootPath().descendant(p.elements()).withUid(p.uid());
    Props props = m.props();
    Class<?> clazz = props.actorClass();
    if (allowListEnabled && !isAllowed(clazz)) {
      LOG.warn("remote deployment of [{}]{} from [{}] refused: the class is not in "
          + "troupe.remote.deployment.allowed-actor-classes (enable-allow-list = on)", clazz.getName(),
          props.isRouter() ? " (the routees of router " + props.routerConfig() + ")" : "", from);
      provider.counters().increment(Counter.DROPPED_DEPLOYMENT_REFUSED);
      refuse(p, supervisor);
      return;
    }
    String key = key(p);
    InternalActorRef child;
    synchronized (this) {
      if (children.containsKey(key)) {
        LOG.warn("remote deployment of [{}] from [{}] to [{}] ignored: an actor lives there already", clazz.getName(), from, p);
        return;
      }
      try {
        child = provider.createDeployedActor(props, supervisor, p);
        child.sendSystemMessage(new SystemMessage.Watch(child, this));
        // started before anyone can find it: a router creates its routees in start(), and routes what it is sent at
        // once, so a message reaching it earlier would find no routee
        child.start();
      } catch (RuntimeException e) {
        LOG.error("remote deployment of [{}] from [{}] to [{}] failed", clazz.getName(), from, p, e);
        refuse(p, supervisor);
        return;
      }
      children.put(key, child);
      boolean firstOfParent = !byParent.containsKey(supervisor);
      byParent.computeIfAbsent(supervisor, k -> new LinkedHashSet<>()).add(child);
      List<Object[]> queued = pending.remove(key);
      if (queued != null) for (Object[] q : queued) deliver(child, q);
      if (firstOfParent) supervisor.sendSystemMessage(new SystemMessage.Watch(supervisor, this));
    }
    supervisor.sendSystemMessage(new SystemMessage.Supervise(child, false));
    LOG.debug("created remote-deployed [{}] at [{}] for parent [{}]", clazz.getName(), p, supervisor);
  }

  private boolean isAllowed(Class<?> clazz) {
    for (Class<?> a : allowed) if (a.isAssignableFrom(clazz)) return true;
    return false;
  }

  /** The child will not exist: messages held for it go to dead letters, the parent learns it is gone. */
  private void refuse(ActorPath p, InternalActorRef supervisor) {
    EmptyLocalActorRef empty = new EmptyLocalActorRef(provider, p, provider.system().eventStream());
    List<Object[]> queued;
    synchronized (this) {
      queued = pending.remove(key(p));
    }
    if (queued != null) for (Object[] q : queued) deliver(empty, q);
    supervisor.sendSystemMessage(new SystemMessage.DeathWatchNotification(empty, false, false));
  }

  private static void deliver(InternalActorRef to, Object[] q) {
    if (q[0] instanceof SystemMessage) to.sendSystemMessage((SystemMessage) q[0]);
    else to.tell(q[0], (ActorRef) q[1]);
  }

  /** The elements after {@code remote}, without uid, joined with "/"; null when the path is not below /remote. */
  private static String key(ActorPath p) {
    List<String> el = p.elements();
    if (el.size() < 2 || !"remote".equals(el.get(0))) return null;
    return String.join("/", el.subList(1, el.size()));
  }

  // ------------------------------------------------------------------ resolution

  @Override
  public InternalActorRef getChild(Iterator<String> names) {
    List<String> raw = new ArrayList<>();
    while (names.hasNext()) {
      String n = names.next();
      if (!n.isEmpty()) raw.add(n);
    }
    if (raw.isEmpty()) return this;
    if (raw.contains("..")) return null;
    List<String> stripped = new ArrayList<>(raw.size());
    for (String n : raw) stripped.add(stripUid(n));
    for (int i = raw.size(); i >= 1; i--) {
      InternalActorRef c = children.get(String.join("/", stripped.subList(0, i)));
      if (c == null) continue;
      if (i == raw.size()) {
        int uid = uidOf(raw.get(i - 1));
        return uid == ActorPath.UNDEFINED_UID || uid == c.path().uid() ? c : null;
      }
      return c.getChild(raw.subList(i, raw.size()).iterator());
    }
    if (raw.size() < 3) return null;
    ActorPath p = path;
    for (String n : stripped) p = p.child(n);
    return new Pending(p.withUid(uidOf(raw.get(raw.size() - 1))), String.join("/", stripped));
  }

  private static String stripUid(String n) {
    int i = n.indexOf('#');
    return i < 0 ? n : n.substring(0, i);
  }

  private static int uidOf(String n) {
    int i = n.indexOf('#');
    if (i < 0) return ActorPath.UNDEFINED_UID;
    try {
      return Integer.parseInt(n.substring(i + 1));
    } catch (NumberFormatException e) {
      return ActorPath.UNDEFINED_UID;
    }
  }

  private void hold(Pending target, Object message, ActorRef sender) {
    InternalActorRef child;
    synchronized (this) {
      child = children.get(target.key);
      if (child == null) {
        List<Object[]> q = pending.get(target.key);
        if (q == null) {
          if (pending.size() < MAX_PENDING_PATHS) {
            q = new ArrayList<>(2);
            pending.put(target.key, q);
            provider.system().scheduler().scheduleOnce(PENDING_FOR, () -> expire(target), Runnable::run);
          }
        }
        if (q != null && q.size() < MAX_PENDING_PER_PATH) {
          q.add(new Object[] {message, sender});
          return;
        }
      }
    }
    InternalActorRef to = child;
    if (to != null) {
      int uid = target.path.uid();
      if (uid != ActorPath.UNDEFINED_UID && uid != to.path().uid()) to = null;
    }
    if (to == null) to = new EmptyLocalActorRef(provider, target.path, provider.system().eventStream());
    deliver(to, new Object[] {message, sender});
  }

  private void expire(Pending target) {
    List<Object[]> q;
    synchronized (this) {
      q = pending.remove(target.key);
    }
    if (q == null) return;
    EmptyLocalActorRef empty = new EmptyLocalActorRef(provider, target.path, provider.system().eventStream());
    provider.counters().add(Counter.DROPPED_UNKNOWN_RECIPIENT, q.size());
    for (Object[] m : q) deliver(empty, m);
  }

  /** A path below /remote where no actor lives (yet): holds what it gets until the actor is created or a second passed. */
  private final class Pending extends MinimalActorRef {
    private static final long serialVersionUID = 1L;
    private final ActorPath path;
    private final String key;

    Pending(ActorPath path, String key) {
      this.path = path;
      this.key = key;
    }

    @Override public ActorPath path() { return path; }
    @Override public ActorRefProvider provider() { return provider; }
    @Override public void tell(Object message, ActorRef sender) { hold(this, message, sender); }
    @Override public void sendSystemMessage(SystemMessage message) { hold(this, message, null); }
    /** Never cached: the next message resolves again. */
    @Override public boolean isTerminated() { return true; }
  }
}

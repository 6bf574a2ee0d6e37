package io.troupe.event;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.MinimalActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish-subscribe by class: a subscriber to a class receives every published event that is an instance of it
 * (subclasses and implementations included). Subscribers are watched, so one that stops is dropped. Any thread.
 *
 * <p>Subscriptions change under {@code lock}; publishing reads a per-event-class cache of resolved subscribers without
 * locking and only takes the lock to fill a missing entry. Filling and invalidating under the same lock is what keeps a
 * lookup that started before a subscription change from caching the old answer after it.
 */
public class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final ActorRef[] NONE = new ActorRef[0];

  private final ActorSystem system;
  private final boolean debug;
  private final Object lock = new Object();
  /** Subscribers per channel; guarded by {@code lock}. */
  private final Map<Class<?>, Set<ActorRef>> subscriptions = new HashMap<>();
  /** Resolved subscribers per concrete event class; cleared whenever subscriptions change, filled under the lock. */
  private final ConcurrentHashMap<Class<?>, ActorRef[]> cache = new ConcurrentHashMap<>();
  private volatile ActorRef deadLetters;
  private volatile Unsubscriber unsubscriber;

  public EventStream(ActorSystem system, boolean debug) {
    this.system = system;
    this.debug = debug;
  }

  /** Internal: wires the dead-letter ref used as sender of published events, and the watcher of subscribers. */
  public void init(ActorRef deadLetters) {
    this.deadLetters = deadLetters;
    ActorPath p = deadLetters.path().root().child("system").child("eventStreamUnsubscriber");
    this.unsubscriber = new Unsubscriber(p, deadLetters instanceof InternalActorRef ? ((InternalActorRef) deadLetters).provider() : null);
  }

  /** Subscribes {@code subscriber} to events of {@code channel}; returns false when it was subscribed already. */
  public boolean subscribe(ActorRef subscriber, Class<?> channel) {
    if (subscriber == null) throw new IllegalArgumentException("subscriber is null");
    if (channel == null) throw new IllegalArgumentException("channel is null");
    boolean added;
    synchronized (lock) {
      added = subscriptions.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(subscriber);
      if (added) cache.clear();
    }
    if (debug) LOG.debug("subscribing {} to channel {}", subscriber, channel.getName());
    if (added) watch(subscriber);
    return added;
  }

  /** Unsubscribes from one channel; returns false when it was not subscribed. */
  public boolean unsubscribe(ActorRef subscriber, Class<?> channel) {
    boolean removed;
    boolean stillSubscribed = false;
    synchronized (lock) {
      Set<ActorRef> s = subscriptions.get(channel);
      removed = s != null && s.remove(subscriber);
      if (removed) {
        if (s.isEmpty()) subscriptions.remove(channel);
        cache.clear();
        stillSubscribed = isSubscribed(subscriber);
      }
    }
    if (debug && removed) LOG.debug("unsubscribing {} from channel {}", subscriber, channel.getName());
    if (removed && !stillSubscribed) unwatch(subscriber);
    return removed;
  }

  /** Unsubscribes from every channel. */
  public void unsubscribe(ActorRef subscriber) {
    if (removeEverywhere(subscriber)) {
      if (debug) LOG.debug("unsubscribing {} from all channels", subscriber);
      unwatch(subscriber);
    }
  }

  /** Delivers {@code event} to every subscriber of a class it is an instance of. */
  public void publish(Object event) {
    if (event == null) throw new IllegalArgumentException("event is null");
    Class<?> k = event.getClass();
    ActorRef[] targets = cache.get(k);
    if (targets == null) {
      synchronized (lock) {
        targets = cache.get(k);
        if (targets == null) {
          targets = resolve(k);
          cache.put(k, targets);
        }
      }
    }
    ActorRef sender = deadLetters;
    for (ActorRef t : targets) {
      if (t instanceof InternalActorRef && ((InternalActorRef) t).isTerminated()) {
        removeEverywhere(t);
        continue;
      }
      t.tell(event, sender);
    }
  }

  private boolean removeEverywhere(ActorRef subscriber) {
    synchronized (lock) {
      boolean removed = false;
      for (var it = subscriptions.values().iterator(); it.hasNext(); ) {
        Set<ActorRef> s = it.next();
        if (s.remove(subscriber)) {
          removed = true;
          if (s.isEmpty()) it.remove();
        }
      }
      if (removed) cache.clear();
      return removed;
    }
  }

  private boolean isSubscribed(ActorRef subscriber) {
    for (Set<ActorRef> s : subscriptions.values()) if (s.contains(subscriber)) return true;
    return false;
  }

  private ActorRef[] resolve(Class<?> eventClass) {
    ArrayList<ActorRef> out = new ArrayList<>();
    for (Map.Entry<Class<?>, Set<ActorRef>> e : subscriptions.entrySet()) {
      if (e.getKey().isAssignableFrom(eventClass)) {
        for (ActorRef r : e.getValue()) if (!out.contains(r)) out.add(r);
      }
    }
    return out.isEmpty() ? NONE : out.toArray(NONE);
  }

  private void watch(ActorRef subscriber) {
    Unsubscriber u = unsubscriber;
    if (u != null && subscriber instanceof InternalActorRef) {
      ((InternalActorRef) subscriber).sendSystemMessage(new SystemMessage.Watch(subscriber, u));
    }
  }

  private void unwatch(ActorRef subscriber) {
    Unsubscriber u = unsubscriber;
    if (u != null && subscriber instanceof InternalActorRef) {
      ((InternalActorRef) subscriber).sendSystemMessage(new SystemMessage.Unwatch(subscriber, u));
    }
  }

  public ActorSystem system() { return system; }

  /** Watches subscribers on the stream's behalf and drops each one when its death notification arrives (any thread). */
  private final class Unsubscriber extends MinimalActorRef {
    private static final long serialVersionUID = 1L;
    private final ActorPath path;
    private final transient ActorRefProvider provider;

    Unsubscriber(ActorPath path, ActorRefProvider provider) {
      this.path = path;
      this.provider = provider;
    }

    @Override public ActorPath path() { return path; }

    @Override
    public ActorRefProvider provider() {
      if (provider == null) throw new UnsupportedOperationException("the event stream's unsubscriber has no provider");
      return provider;
    }

    @Override
    public void sendSystemMessage(SystemMessage message) {
      if (message instanceof SystemMessage.DeathWatchNotification) {
        ActorRef dead = ((SystemMessage.DeathWatchNotification) message).actor();
        if (removeEverywhere(dead) && debug) LOG.debug("dropped stopped subscriber {}", dead);
      }
    }
  }
}

package io.troupe.event;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.internal.InternalActorRef;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish-subscribe by class: a subscriber to a class receives every published event that is an instance of it
 * (subclasses and implementations included). Subscribers that have stopped are dropped when next met. Any thread.
 */
public class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final ActorRef[] NONE = new ActorRef[0];

  private final ActorSystem system;
  private final boolean debug;
  private final ConcurrentHashMap<Class<?>, Set<ActorRef>> subscriptions = new ConcurrentHashMap<>();
  /** Resolved subscribers per concrete event class; cleared whenever subscriptions change. */
  private final ConcurrentHashMap<Class<?>, ActorRef[]> cache = new ConcurrentHashMap<>();
  private volatile ActorRef deadLetters;

  public EventStream(ActorSystem system, boolean debug) {
    this.system = system;
    this.debug = debug;
  }

  /** Internal: wires the dead-letter ref used as sender of published events. */
  public void init(ActorRef deadLetters) {
    this.deadLetters = deadLetters;
  }

  /** Subscribes {@code subscriber} to events of {@code channel}; returns false when it was subscribed already. */
  public boolean subscribe(ActorRef subscriber, Class<?> channel) {
    if (subscriber == null) throw new IllegalArgumentException("subscriber is null");
    if (channel == null) throw new IllegalArgumentException("channel is null");
    boolean added = subscriptions.computeIfAbsent(channel, k -> new CopyOnWriteArraySet<>()).add(subscriber);
    if (added) cache.clear();
    if (debug) LOG.debug("subscribing {} to channel {}", subscriber, channel.getName());
    return added;
  }

  /** Unsubscribes from one channel; returns false when it was not subscribed. */
  public boolean unsubscribe(ActorRef subscriber, Class<?> channel) {
    Set<ActorRef> s = subscriptions.get(channel);
    boolean removed = s != null && s.remove(subscriber);
    if (removed) cache.clear();
    return removed;
  }

  /** Unsubscribes from every channel. */
  public void unsubscribe(ActorRef subscriber) {
    boolean removed = false;
    for (Set<ActorRef> s : subscriptions.values()) removed |= s.remove(subscriber);
    if (removed) cache.clear();
  }

  /** Delivers {@code event} to every subscriber of a class it is an instance of. */
  public void publish(Object event) {
    if (event == null) throw new IllegalArgumentException("event is null");
    ActorRef[] targets = cache.get(event.getClass());
    if (targets == null) {
      targets = resolve(event.getClass());
      cache.put(event.getClass(), targets);
    }
    ActorRef sender = deadLetters;
    for (ActorRef t : targets) {
      if (t instanceof InternalActorRef && ((InternalActorRef) t).isTerminated()) {
        unsubscribe(t);
        continue;
      }
      t.tell(event, sender);
    }
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

  public ActorSystem system() { return system; }
}

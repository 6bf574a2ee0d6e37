package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRefProvider;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/** A node in the path tree that holds refs without being an actor, such as {@code /temp} for ask refs. */
public final class VirtualPathContainer extends MinimalActorRef {
  private static final long serialVersionUID = 1L;
  private final transient ActorRefProvider provider;
  private final ActorPath path;
  private final transient InternalActorRef parent;
  private final transient ConcurrentHashMap<String, InternalActorRef> children = new ConcurrentHashMap<>();

  public VirtualPathContainer(ActorRefProvider provider, ActorPath path, InternalActorRef parent) {
    this.provider = provider;
    this.path = path;
    this.parent = parent;
  }

  @Override public ActorPath path() { return path; }
  @Override public ActorRefProvider provider() { return provider; }
  @Override public InternalActorRef getParent() { return parent; }

  public void addChild(String name, InternalActorRef ref) {
    if (children.putIfAbsent(name, ref) != null) throw new IllegalStateException("temp name [" + name + "] is taken");
  }

  public void removeChild(String name, InternalActorRef ref) {
    children.remove(name, ref);
  }

  public InternalActorRef getChild(String name) {
    return children.get(name);
  }

  public int size() { return children.size(); }

  @Override
  public InternalActorRef getChild(Iterator<String> names) {
    if (!names.hasNext()) return this;
    String n = names.next();
    if (n.isEmpty()) return getChild(names);
    InternalActorRef c = children.get(ActorCell.stripUid(n));
    if (c == null) return null;
    int uid = ActorCell.uidOf(n);
    if (uid != ActorPath.UNDEFINED_UID && uid != c.path().uid()) return null;
    return names.hasNext() ? c.getChild(names) : c;
  }
}

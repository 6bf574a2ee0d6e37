package io.troupe.remote;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.InvalidMessageException;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.artery.Association;
import java.util.Iterator;

/**
 * A ref to an actor on another node. {@code tell} hands the message to the peer's association, which queues it for
 * that peer's I/O thread (encoding happens there, never on the caller's thread). Lifecycle calls become system
 * messages, delivered exactly once.
 */
public final class RemoteActorRef extends InternalActorRef {
  private static final long serialVersionUID = 1L;
  private final transient RemoteActorRefProvider provider;
  private final ActorPath path;
  private transient volatile Association association;
  private transient String pathString;
  private transient int streamHint;

  public RemoteActorRef(RemoteActorRefProvider provider, ActorPath path) {
    this.provider = provider;
    this.path = path;
  }

  @Override public ActorPath path() { return path; }
  @Override public ActorRefProvider provider() { return provider; }

  /** The path as sent on the wire (with {@code #uid} when known), computed once. */
  public String wirePath() {
    String s = pathString;
    if (s == null) {
      s = path.toSerializationFormat();
      pathString = s;
    }
    return s;
  }

  /** The stream messages to this ref use, once computed (0 before). */
  public int streamHint() { return streamHint; }

  public void streamHint(int s) { streamHint = s; }

  /** The association to the node this ref points to. */
  public Association association() {
    Association a = association;
    if (a == null || a.isRemoved()) {
      a = provider.remoting().association(path.address());
      association = a;
    }
    return a;
  }

  @Override
  public void tell(Object message, ActorRef sender) {
    if (message == null) throw new InvalidMessageException("Message is null");
    association().send(message, sender, this);
  }

  /**
   * Sends a system message to the remote actor, except that a local actor's watch or unwatch goes to the local remote
   * watcher, which watches on its behalf (and heartbeats the node), as Pekko does.
   */
  @Override
  public void sendSystemMessage(SystemMessage message) {
    if (message instanceof SystemMessage.Watch) {
      SystemMessage.Watch w = (SystemMessage.Watch) message;
      if (isIntercepted(w.watchee(), w.watcher())) {
        provider.remoteWatcher().tell(new io.troupe.remote.watch.RemoteWatcher.WatchRemote(w.watchee(), w.watcher()), null);
        return;
      }
    } else if (message instanceof SystemMessage.Unwatch) {
      SystemMessage.Unwatch u = (SystemMessage.Unwatch) message;
      if (isIntercepted(u.watchee(), u.watcher())) {
        provider.remoteWatcher().tell(new io.troupe.remote.watch.RemoteWatcher.UnwatchRemote(u.watchee(), u.watcher()), null);
        return;
      }
    }
    association().sendSystemMessage(message, this);
  }

  private boolean isIntercepted(ActorRef watchee, ActorRef watcher) {
    ActorRef rw = provider.remoteWatcherOrNull();
    return rw != null && watchee == this && !watcher.equals(rw) && watcher instanceof InternalActorRef
        && ((InternalActorRef) watcher).isLocal();
  }

  @Override public InternalActorRef getParent() { return path.depth() == 0 ? this : new RemoteActorRef(provider, path.parent()); }

  @Override
  public InternalActorRef getChild(Iterator<String> names) {
    ActorPath p = path;
    while (names.hasNext()) {
      String n = names.next();
      if (n.isEmpty()) continue;
      p = "..".equals(n) ? p.parent() : p.child(n);
    }
    return p == path ? this : new RemoteActorRef(provider, p);
  }

  @Override public void start() {}
  @Override public void suspend() { sendSystemMessage(new SystemMessage.Suspend()); }
  @Override public void resume(Throwable causedByFailure) { sendSystemMessage(new SystemMessage.Resume(causedByFailure)); }
  @Override public void restart(Throwable cause) { sendSystemMessage(new SystemMessage.Recreate(cause)); }
  @Override public void stop() { sendSystemMessage(new SystemMessage.Terminate()); }
  @Override public boolean isLocal() { return false; }
  @Override public boolean isTerminated() { return false; }
}

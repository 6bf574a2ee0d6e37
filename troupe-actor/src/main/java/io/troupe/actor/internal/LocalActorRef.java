package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.util.Iterator;

/**
 * A ref to an actor running in this system. Not final only for {@code io.troupe.routing.internal.RoutedActorRef}, a
 * router's ref that routes ordinary messages itself instead of enqueueing them.
 */
public class LocalActorRef extends InternalActorRef {
  private static final long serialVersionUID = 1L;
  private final transient ActorCell cell;
  private final ActorPath path;

  protected LocalActorRef(ActorSystemImpl system, io.troupe.actor.Props props, io.troupe.dispatch.MessageDispatcher dispatcher,
                io.troupe.dispatch.MailboxType mailboxType, InternalActorRef parent, ActorPath path) {
    this.path = path;
    this.cell = new ActorCell(system, this, props, dispatcher, parent);
    cell.init(system.dispatchers().createMailbox(cell, mailboxType));
  }

  public final ActorCell underlying() { return cell; }

  @Override public ActorPath path() { return path; }

  @Override
  public void tell(Object message, ActorRef sender) {
    cell.sendMessage(message, sender);
  }

  @Override public void sendSystemMessage(SystemMessage message) { cell.sendSystemMessage(message); }
  @Override public ActorRefProvider provider() { return cell.systemImpl().provider(); }
  @Override public InternalActorRef getParent() { return cell.parentRef(); }
  @Override public void start() { cell.start(); }
  @Override public void suspend() { cell.sendSystemMessage(new SystemMessage.Suspend()); }
  @Override public void resume(Throwable causedByFailure) { cell.sendSystemMessage(new SystemMessage.Resume(causedByFailure)); }
  @Override public void restart(Throwable cause) { cell.sendSystemMessage(new SystemMessage.Recreate(cause)); }
  @Override public void stop() { cell.sendSystemMessage(new SystemMessage.Terminate()); }
  @Override public boolean isLocal() { return true; }
  @Override public boolean isTerminated() { return cell.isTerminated(); }

  @Override
  public InternalActorRef getChild(Iterator<String> names) {
    InternalActorRef ref = this;
    while (names.hasNext()) {
      String n = names.next();
      if (n.isEmpty()) continue;
      if ("..".equals(n)) {
        ref = ref.getParent();
        continue;
      }
      if (ref instanceof LocalActorRef) {
        InternalActorRef c = ((LocalActorRef) ref).underlying().getSingleChild(n);
        if (c == null) c = ((LocalActorRef) ref).extraChild(n);
        if (c == null) return null;
        ref = c;
      } else {
        java.util.List<String> rest = new java.util.ArrayList<>();
        rest.add(n);
        names.forEachRemaining(rest::add);
        return ref.getChild(rest.iterator());
      }
    }
    return ref;
  }

  /** Names below the root guardian that are not actors ({@code temp}, {@code deadLetters}). */
  private InternalActorRef extraChild(String name) {
    if (path.depth() != 0) return null;
    return cell.systemImpl().provider().rootExtraChild(ActorCell.stripUid(name));
  }
}

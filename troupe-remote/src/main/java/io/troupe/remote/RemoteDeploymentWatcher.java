package io.troupe.remote;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Terminated;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /system/remote-deployment-watcher}: watches every child this node deployed on another node, so that when that
 * node is declared unreachable (no death notification can come from it) the child's local parent still learns that
 * the child is gone, with {@code addressTerminated = true}. An ordinary stop is reported by the child itself.
 */
public final class RemoteDeploymentWatcher extends AbstractActor {
  /** Watch {@code child} (remote) on behalf of its local parent {@code supervisor}. */
  public record WatchRemote(ActorRef child, ActorRef supervisor) {}

  private final Map<ActorRef, ActorRef> supervisors = new HashMap<>();

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(WatchRemote.class, w -> {
          supervisors.put(w.child(), w.supervisor());
          getContext().watch(w.child());
        })
        .match(Terminated.class, t -> {
          ActorRef sup = supervisors.remove(t.getActor());
          if (sup != null && t.getAddressTerminated()) {
            ((InternalActorRef) sup).sendSystemMessage(
                new SystemMessage.DeathWatchNotification(t.getActor(), t.getExistenceConfirmed(), true));
          }
        })
        .build();
  }
}

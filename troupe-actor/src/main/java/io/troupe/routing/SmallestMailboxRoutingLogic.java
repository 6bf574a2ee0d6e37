package io.troupe.routing;

import io.troupe.actor.ActorRef;
import io.troupe.actor.internal.LocalActorRef;
import io.troupe.dispatch.Mailbox;
import java.util.List;

/**
 * The routee that looks least busy, judged in this order: an idle local routee (not suspended, not running, nothing
 * queued) is taken at once; otherwise the local routee with the fewest queued messages, counting a running one as one
 * more; routees whose mailbox cannot be seen (remote refs, selections) come after all local ones, and suspended or
 * terminated ones last. Ties go to the earlier routee. The counts are a snapshot read without locks, so under
 * concurrent sending the choice is a good guess, not a guarantee.
 */
public final class SmallestMailboxRoutingLogic implements RoutingLogic {
  private static final long UNKNOWN = Long.MAX_VALUE - 2;
  private static final long SUSPENDED = Long.MAX_VALUE - 1;
  private static final long TERMINATED = Long.MAX_VALUE;

  @Override
  public Routee select(Object message, List<Routee> routees) {
    int size = routees.size();
    if (size == 0) return NoRoutee.getInstance();
    Routee best = null;
    long bestScore = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      Routee r = routees.get(i);
      long score = score(r);
      if (score == 0) return r;
      if (best == null || score < bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best;
  }

  private static long score(Routee r) {
    if (!(r instanceof ActorRefRoutee)) return UNKNOWN;
    ActorRef ref = ((ActorRefRoutee) r).ref();
    if (!(ref instanceof LocalActorRef)) return UNKNOWN;
    Mailbox m = ((LocalActorRef) ref).underlying().mailbox();
    if (m.isClosed()) return TERMINATED;
    if (m.isSuspended()) return SUSPENDED;
    return (m.isScheduled() ? 1L : 0L) + m.numberOfMessages();
  }

  @Override public String toString() { return "SmallestMailboxRoutingLogic"; }
}

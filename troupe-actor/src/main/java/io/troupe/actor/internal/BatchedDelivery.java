package io.troupe.actor.internal;

import io.troupe.actor.ActorRef;
import io.troupe.dispatch.Mailbox;

/**
 * Delivers a batch of messages, for a single thread that hands many messages at once to local actors (remoting's
 * inbound I/O thread, per read from a socket): each message is enqueued at once, in order, but each mailbox is
 * scheduled once per batch ({@link #flush}) instead of once per message. That saves a compare-and-set on the
 * mailbox's status and, when the actor had caught up, a wake-up of a dispatcher thread for every message: on few
 * cores these hand-offs cost more than the messages themselves. Order per sender and recipient is that of the calls.
 *
 * <p>Only plain {@link LocalActorRef}s are batched; every other ref (routers, temporary refs, dead letters) gets a
 * plain {@code tell}. A batch is flushed after {@code maxMessages} messages or {@code MAX_MAILBOXES} distinct mailboxes
 * at the latest, so a long batch does not hold the first messages back. Before any message of the batch can reach its
 * actor (a mailbox scheduled, or a plain {@code tell}), {@code beforeDelivery} runs: the caller's chance to publish
 * what it accounts per batch (counters), so that nothing an actor has seen is still uncounted. Not thread-safe: one
 * instance per thread.
 */
public final class BatchedDelivery {
  private static final int MAX_MAILBOXES = 16;

  private final Mailbox[] pending = new Mailbox[MAX_MAILBOXES];
  private final int maxMessages;
  private final Runnable beforeDelivery;
  private int mailboxes;
  private int messages;

  public BatchedDelivery(int maxMessages, Runnable beforeDelivery) {
    this.maxMessages = Math.max(1, maxMessages);
    this.beforeDelivery = beforeDelivery;
  }

  /** Delivers {@code message}; its mailbox is scheduled at the next {@link #flush} at the latest. */
  public void tell(InternalActorRef recipient, Object message, ActorRef sender) {
    if (recipient.getClass() != LocalActorRef.class) {
      beforeDelivery.run();
      recipient.tell(message, sender);
      return;
    }
    Mailbox m = ((LocalActorRef) recipient).underlying().sendMessageUnscheduled(message, sender);
    int n = mailboxes;
    boolean known = false;
    for (int i = n - 1; i >= 0; i--) {
      if (pending[i] == m) {
        known = true;
        break;
      }
    }
    if (!known) {
      if (n == MAX_MAILBOXES) {
        flush();
        n = 0;
      }
      pending[n] = m;
      mailboxes = n + 1;
    }
    if (++messages >= maxMessages) flush();
  }

  /** Schedules every mailbox that got a message since the last flush. */
  public void flush() {
    int n = mailboxes;
    if (n > 0) beforeDelivery.run();
    mailboxes = 0;
    messages = 0;
    for (int i = 0; i < n; i++) {
      Mailbox m = pending[i];
      pending[i] = null;
      m.scheduleIfIdle();
    }
  }
}

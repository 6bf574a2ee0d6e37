package io.troupe.dispatch;

import io.troupe.actor.ActorRef;
import io.troupe.actor.internal.ActorCell;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One actor's queues and its scheduling state; the unit of work a dispatcher runs.
 *
 * <p>Design note. {@code status} packs three things: bit 0 closed, bit 1 scheduled, the rest a suspend count (units of
 * 4). A sender enqueues, then asks the dispatcher to schedule the mailbox; {@link #setAsScheduled()} lets exactly one
 * caller win, so one thread at a time runs {@link #run()}. A run processes every pending system message, then up to
 * {@code throughput} user messages (checking system messages after each), marks itself idle and asks to be scheduled
 * again, which catches messages that arrived while it was marked scheduled. A suspended mailbox runs for system
 * messages only. System messages sit in a lock-free LIFO stack reversed on drain; a closed mailbox's stack holds a
 * sentinel, and whatever is then enqueued goes to the dead-letter mailbox. Messages put back by {@code unstashAll}
 * wait in {@code prepended}, touched only by the thread running the actor, and are taken before the queue.
 *
 * <p>Extends ForkJoinTask so that a fork-join dispatcher can run it without a wrapper allocation per schedule.
 */
public class Mailbox extends ForkJoinTask<Void> implements Runnable {
  private static final long serialVersionUID = 1L;

  static final int OPEN = 0;
  static final int CLOSED = 1;
  static final int SCHEDULED = 2;
  static final int SUSPEND_UNIT = 4;
  private static final int SHOULD_SCHEDULE_MASK = CLOSED | SCHEDULED;
  private static final int SHOULD_NOT_PROCESS_MASK = ~SCHEDULED;

  private static final AtomicIntegerFieldUpdater<Mailbox> STATUS = AtomicIntegerFieldUpdater.newUpdater(Mailbox.class, "status");
  private static final AtomicReferenceFieldUpdater<Mailbox, SysNode> SYS =
      AtomicReferenceFieldUpdater.newUpdater(Mailbox.class, SysNode.class, "systemQueue");

  static final class SysNode {
    final SystemMessage message;
    SysNode next;

    SysNode(SystemMessage message, SysNode next) {
      this.message = message;
      this.next = next;
    }
  }

  private static final SysNode CLOSED_SENTINEL = new SysNode(new SystemMessage.NoMessage(), null);

  private volatile int status;
  private volatile SysNode systemQueue;
  final MessageQueue messageQueue;
  private ActorCell actor;
  private MessageDispatcher dispatcher;
  private ArrayDeque<Envelope> prepended;

  public Mailbox(MessageQueue messageQueue) {
    this.messageQueue = messageQueue;
  }

  public void setActor(ActorCell cell) {
    this.actor = cell;
    this.dispatcher = cell.dispatcherImpl();
  }

  public ActorCell actor() { return actor; }

  public MessageQueue messageQueue() { return messageQueue; }

  // ------------------------------------------------------------------ status

  final int currentStatus() { return status; }

  public final boolean isClosed() { return (status & CLOSED) != 0; }

  public final boolean isSuspended() { return (status & ~(CLOSED | SCHEDULED)) != 0; }

  public final boolean isScheduled() { return (status & SCHEDULED) != 0; }

  final boolean shouldProcessMessage() { return (status & SHOULD_NOT_PROCESS_MASK) == 0; }

  public final int suspendCount() { return status >>> 2; }

  /** Increments the suspend count; returns true when the mailbox was not suspended before. */
  public final boolean suspend() {
    while (true) {
      int s = status;
      if ((s & CLOSED) != 0) return false;
      if (STATUS.compareAndSet(this, s, s + SUSPEND_UNIT)) return s < SUSPEND_UNIT;
    }
  }

  /** Decrements the suspend count; returns true when the mailbox is no longer suspended. */
  public final boolean resume() {
    while (true) {
      int s = status;
      if ((s & CLOSED) != 0) return false;
      int next = s < SUSPEND_UNIT ? s : s - SUSPEND_UNIT;
      if (STATUS.compareAndSet(this, s, next)) return next < SUSPEND_UNIT;
    }
  }

  /** Closes the mailbox for good; returns false when it was closed already. */
  final boolean becomeClosed() {
    while (true) {
      int s = status;
      if ((s & CLOSED) != 0) return false;
      if (STATUS.compareAndSet(this, s, CLOSED)) return true;
    }
  }

  final boolean setAsScheduled() {
    while (true) {
      int s = status;
      if ((s & SHOULD_SCHEDULE_MASK) != OPEN) return false;
      if (STATUS.compareAndSet(this, s, s | SCHEDULED)) return true;
    }
  }

  final boolean setAsIdle() {
    while (true) {
      int s = status;
      if (STATUS.compareAndSet(this, s, s & ~SCHEDULED)) return true;
    }
  }

  final boolean canBeScheduledForExecution(boolean hasMessageHint, boolean hasSystemMessageHint) {
    int s = status;
    if ((s & CLOSED) != 0) return false;
    if (s < SUSPEND_UNIT) return hasMessageHint || hasSystemMessageHint || hasSystemMessages() || hasMessages();
    return hasSystemMessageHint || hasSystemMessages();
  }

  // ------------------------------------------------------------------ queues

  /** Any thread. */
  public void enqueue(ActorRef receiver, Envelope envelope) {
    messageQueue.enqueue(receiver, envelope);
  }

  /** The thread running the actor. */
  final Envelope dequeue() {
    ArrayDeque<Envelope> p = prepended;
    if (p != null && !p.isEmpty()) return p.pollFirst();
    return messageQueue.dequeue();
  }

  public final boolean hasMessages() {
    ArrayDeque<Envelope> p = prepended;
    return (p != null && !p.isEmpty()) || messageQueue.hasMessages();
  }

  public final int numberOfMessages() {
    ArrayDeque<Envelope> p = prepended;
    return (p == null ? 0 : p.size()) + messageQueue.numberOfMessages();
  }

  /** Puts envelopes back at the head, keeping their order; the thread running the actor only. */
  public final void prepend(List<Envelope> envelopes) {
    if (envelopes.isEmpty()) return;
    if (prepended == null) prepended = new ArrayDeque<>(envelopes.size());
    for (int i = envelopes.size() - 1; i >= 0; i--) prepended.addFirst(envelopes.get(i));
  }

  /** Schedules the mailbox if it has work and is neither running nor scheduled (after enqueueing unscheduled). */
  public final void scheduleIfIdle() {
    MessageDispatcher d = dispatcher;
    if (d != null) d.registerForExecution(this, true, false);
  }

  /** Any thread. */
  public void systemEnqueue(ActorRef receiver, SystemMessage message) {
    while (true) {
      SysNode head = systemQueue;
      if (head == CLOSED_SENTINEL) {
        MessageDispatcher d = dispatcher;
        if (d != null) d.deadLetterMailbox().systemEnqueue(receiver, message);
        return;
      }
      if (SYS.compareAndSet(this, head, new SysNode(message, head))) return;
    }
  }

  public final boolean hasSystemMessages() {
    SysNode h = systemQueue;
    return h != null && h != CLOSED_SENTINEL;
  }

  private SysNode systemDrain() {
    while (true) {
      SysNode h = systemQueue;
      if (h == null || h == CLOSED_SENTINEL) return null;
      if (SYS.compareAndSet(this, h, null)) return reverse(h);
    }
  }

  private static SysNode reverse(SysNode h) {
    SysNode prev = null;
    while (h != null) {
      SysNode next = h.next;
      h.next = prev;
      prev = h;
      h = next;
    }
    return prev;
  }

  // ------------------------------------------------------------------ running

  @Override
  public final void run() {
    try {
      if (!isClosed()) {
        processAllSystemMessages();
        processMailbox();
        for (int extra = 0; extra < MAX_EXTRA_BATCHES && nothingElseToRun(); extra++) {
          processAllSystemMessages();
          processMailbox();
        }
      }
    } finally {
      setAsIdle();
      dispatcher.registerForExecution(this, false, false);
    }
  }

  /** Throughput batches a run may add while its fork-join worker has nothing else to run (see nothingElseToRun). */
  private static final int MAX_EXTRA_BATCHES = 64;

  /**
   * True when this run may go on with another throughput batch: messages are waiting, and the thread is a worker of
   * the dispatcher's fork-join pool with no other task queued locally and no submission waiting. Rescheduling would
   * push this mailbox onto the same worker, which would take it again at once, after waking an idle worker for
   * nothing (a futex call, and on few cores the actor may hop threads). No other actor waits for this thread, so the
   * throughput batch's fairness is kept.
   */
  private boolean nothingElseToRun() {
    if (!shouldProcessMessage() || isClosed() || !messageQueue.hasMessages()) return false;
    java.util.concurrent.ForkJoinPool pool = dispatcher.forkJoinPool();
    if (pool == null || ForkJoinTask.getPool() != pool) return false;
    return ForkJoinTask.getQueuedTaskCount() == 0 && !pool.hasQueuedSubmissions();
  }

  private void processMailbox() {
    int left = dispatcher.throughput;
    long deadlineNanos = dispatcher.throughputDeadlineNanos;
    long deadline = deadlineNanos > 0 ? System.nanoTime() + deadlineNanos : 0L;
    while (shouldProcessMessage()) {
      Envelope next = dequeue();
      if (next == null) return;
      actor.invoke(next);
      if (Thread.interrupted()) {
        // an actor interrupted its own thread; do not let it leak into the next actor's run
        org.slf4j.LoggerFactory.getLogger(Mailbox.class).warn("[{}] interrupted the dispatcher thread; interrupt cleared", actor.selfRef().path());
      }
      processAllSystemMessages();
      if (--left <= 0 || (deadline != 0L && System.nanoTime() - deadline >= 0)) return;
    }
  }

  final void processAllSystemMessages() {
    SysNode msgs = systemDrain();
    while (msgs != null && !isClosed()) {
      SysNode n = msgs;
      msgs = msgs.next;
      n.next = null;
      actor.systemInvoke(n.message);
      if (msgs == null) msgs = systemDrain();
    }
    if (msgs != null) {
      // closed while processing: the rest goes to the dead-letter mailbox (watchers get notified there)
      Mailbox dlm = dispatcher.deadLetterMailbox();
      for (SysNode n = msgs; n != null; n = n.next) dlm.systemEnqueue(actor.selfRef(), n.message);
    }
  }

  /** After the actor stopped: system messages and user messages left go to the dead-letter mailbox. */
  final void cleanUp() {
    if (actor == null) return;
    Mailbox dlm = dispatcher.deadLetterMailbox();
    SysNode h;
    while (true) {
      h = systemQueue;
      if (h == CLOSED_SENTINEL) {
        h = null;
        break;
      }
      if (SYS.compareAndSet(this, h, CLOSED_SENTINEL)) break;
    }
    for (SysNode n = reverse(h); n != null; n = n.next) dlm.systemEnqueue(actor.selfRef(), n.message);
    ArrayDeque<Envelope> p = prepended;
    if (p != null) {
      Envelope e;
      while ((e = p.pollFirst()) != null) dlm.enqueue(actor.selfRef(), e);
    }
    messageQueue.cleanUp(actor.selfRef(), dlm.messageQueue);
  }

  // ------------------------------------------------------------------ ForkJoinTask

  @Override public final Void getRawResult() { return null; }

  @Override protected final void setRawResult(Void v) {}

  @Override
  protected final boolean exec() {
    run();
    return false;
  }
}

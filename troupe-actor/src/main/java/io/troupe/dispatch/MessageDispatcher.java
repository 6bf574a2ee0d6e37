package io.troupe.dispatch;

import io.troupe.actor.internal.ActorCell;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs mailboxes on an executor: {@code throughput} messages per run of a mailbox before the thread moves on to
 * another actor. Also an {@link Executor} for futures and scheduled tasks.
 */
public class MessageDispatcher implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

  private final String id;
  final int throughput;
  final long throughputDeadlineNanos;
  private final ExecutorService executor;
  private final ForkJoinPool forkJoinPool;
  private final Dispatchers registry;
  private final AtomicInteger actors = new AtomicInteger();

  MessageDispatcher(Dispatchers registry, String id, int throughput, long throughputDeadlineNanos, ExecutorService executor) {
    this.registry = registry;
    this.id = id;
    this.throughput = Math.max(1, throughput);
    this.throughputDeadlineNanos = throughputDeadlineNanos;
    this.executor = executor;
    this.forkJoinPool = executor instanceof ForkJoinPool ? (ForkJoinPool) executor : null;
  }

  public String id() { return id; }

  public int throughput() { return throughput; }

  Mailbox deadLetterMailbox() { return registry.deadLetterMailbox(); }

  /** Registers the cell and schedules it so it processes its Create message. */
  public void attach(ActorCell cell) {
    actors.incrementAndGet();
    registerForExecution(cell.mailbox(), false, true);
  }

  /** Closes the cell's mailbox, moves what is left to dead letters and unregisters the cell. */
  public void detach(ActorCell cell) {
    try {
      Mailbox m = cell.swapMailbox(deadLetterMailbox());
      m.becomeClosed();
      m.cleanUp();
    } finally {
      if (actors.decrementAndGet() == 0) onLastActorDetached();
    }
  }

  /** Hook for dispatchers owning an executor per actor. */
  protected void onLastActorDetached() {}

  public final void dispatch(ActorCell receiver, Envelope envelope) {
    Mailbox mbox = receiver.mailbox();
    mbox.enqueue(receiver.selfRef(), envelope);
    registerForExecution(mbox, true, false);
  }

  /** The executor when it is a fork-join pool, else null. */
  final ForkJoinPool forkJoinPool() { return forkJoinPool; }

  /**
   * Enqueues like {@link #dispatch} but does not schedule the mailbox: the caller must call
   * {@link Mailbox#scheduleIfIdle()} on the returned mailbox soon (a batch of deliveries schedules each mailbox once).
   */
  public final Mailbox enqueueUnscheduled(ActorCell receiver, Envelope envelope) {
    Mailbox mbox = receiver.mailbox();
    mbox.enqueue(receiver.selfRef(), envelope);
    return mbox;
  }

  public final void systemDispatch(ActorCell receiver, SystemMessage message) {
    Mailbox mbox = receiver.mailbox();
    mbox.systemEnqueue(receiver.selfRef(), message);
    registerForExecution(mbox, false, true);
  }

  final boolean registerForExecution(Mailbox mbox, boolean hasMessageHint, boolean hasSystemMessageHint) {
    if (mbox.canBeScheduledForExecution(hasMessageHint, hasSystemMessageHint) && mbox.setAsScheduled()) {
      try {
        executeMailbox(mbox);
        return true;
      } catch (RejectedExecutionException e) {
        try {
          executeMailbox(mbox);
          return true;
        } catch (RejectedExecutionException e2) {
          mbox.setAsIdle();
          if (!executor.isShutdown()) LOG.error("dispatcher [{}] rejected a mailbox", id, e2);
          return false;
        }
      }
    }
    return false;
  }

  private void executeMailbox(Mailbox mbox) {
    if (forkJoinPool != null) forkJoinPool.execute((ForkJoinTask<?>) mbox);
    else executor.execute(mbox);
  }

  @Override
  public void execute(Runnable command) {
    executor.execute(command);
  }

  public boolean isShutdown() { return executor.isShutdown(); }

  /** Stops the executor; running tasks finish. */
  public void shutdown() {
    executor.shutdown();
  }

  boolean awaitTermination(long millis) throws InterruptedException {
    return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return "Dispatcher[" + id + "]";
  }
}

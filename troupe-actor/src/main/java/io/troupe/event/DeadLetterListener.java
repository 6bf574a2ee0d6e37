package io.troupe.event;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AllDeadLetters;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.internal.ActorSystemImpl;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dead letters at INFO: the first {@code troupe.log-dead-letters} of them, then pauses for
 * {@code troupe.log-dead-letters-suspend-duration} (for ever when it is {@code infinite}) and starts counting again.
 * Runs as {@code /system/deadLetterListener}.
 */
public final class DeadLetterListener extends AbstractActor {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterListener.class);
  private final int max = getContext().getSystem().settings().logDeadLetters();
  private final Duration suspend = getContext().getSystem().settings().logDeadLettersSuspendDuration();
  private final boolean suspendForever = suspend.equals(ActorSystem.Settings.INFINITE);
  private final long suspendNanos = suspendForever ? 0L : saturatedNanos(suspend);
  private final boolean duringShutdown = getContext().getSystem().settings().logDeadLettersDuringShutdown();
  private int count;
  private long suspendedUntil;

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2; // centuries: nanoTime arithmetic below must not overflow
    }
  }

  @Override
  public void preStart() {
    getContext().getSystem().eventStream().subscribe(getSelf(), DeadLetter.class);
  }

  @Override
  public void postStop() {
    getContext().getSystem().eventStream().unsubscribe(getSelf());
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder().match(DeadLetter.class, this::onDeadLetter).build();
  }

  private void onDeadLetter(AllDeadLetters d) {
    if (!duringShutdown && ((ActorSystemImpl) getContext().getSystem()).isTerminating()) return;
    long now = System.nanoTime();
    if (count >= max) {
      if (suspendForever || now - suspendedUntil < 0) return;
      count = 0;
    }
    count++;
    String origin = d.sender().equals(getContext().getSystem().deadLetters()) ? "without sender" : "from " + d.sender();
    String tail;
    if (count == max) {
      suspendedUntil = now + suspendNanos;
      tail = " This was dead letter " + count + " of " + max + "; no more are logged"
          + (suspendForever ? "." : " for " + suspend + ".");
    } else {
      tail = " [" + count + "] dead letters so far.";
    }
    ActorRef r = d.recipient();
    LOG.info("Message [{}] {} to {} was not delivered.{} If this is not expected, {} may have stopped. "
            + "This logging is set by 'troupe.log-dead-letters' and 'troupe.log-dead-letters-during-shutdown'.",
        d.message() == null ? "null" : d.message().getClass().getName(), origin, r, tail, r);
  }
}

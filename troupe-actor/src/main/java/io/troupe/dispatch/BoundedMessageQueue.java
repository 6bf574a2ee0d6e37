package io.troupe.dispatch;

import io.troupe.actor.ActorRef;
import io.troupe.actor.DeadLetter;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A queue of fixed capacity. A sender facing a full queue waits up to the push timeout (zero: not at all; negative:
 * until there is room), then the message goes to dead letters.
 */
final class BoundedMessageQueue implements MessageQueue {
  private final LinkedBlockingQueue<Envelope> queue;
  private final long pushTimeoutNanos;
  private final ActorRef deadLetters;

  BoundedMessageQueue(int capacity, long pushTimeoutNanos, ActorRef deadLetters) {
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.pushTimeoutNanos = pushTimeoutNanos;
    this.deadLetters = deadLetters;
  }

  @Override
  public void enqueue(ActorRef receiver, Envelope handle) {
    boolean ok;
    try {
      if (pushTimeoutNanos < 0) {
        queue.put(handle);
        ok = true;
      } else {
        ok = queue.offer(handle, pushTimeoutNanos, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    if (!ok && deadLetters != null) {
      deadLetters.tell(new DeadLetter(handle.message, handle.sender == null ? deadLetters : handle.sender, receiver), handle.sender);
    }
  }

  @Override public Envelope dequeue() { return queue.poll(); }
  @Override public int numberOfMessages() { return queue.size(); }
  @Override public boolean hasMessages() { return !queue.isEmpty(); }

  @Override
  public void cleanUp(ActorRef owner, MessageQueue deadLetterQueue) {
    Envelope e;
    while ((e = queue.poll()) != null) deadLetterQueue.enqueue(owner, e);
  }
}

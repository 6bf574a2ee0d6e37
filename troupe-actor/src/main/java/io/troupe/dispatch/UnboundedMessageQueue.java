package io.troupe.dispatch;

import io.troupe.actor.ActorRef;
import org.jctools.queues.MpscUnboundedArrayQueue;

/** The default queue: lock-free, multi-producer single-consumer, unbounded, grown in chunks. */
final class UnboundedMessageQueue implements MessageQueue {
  private static final int CHUNK_SIZE = 32;
  private final MpscUnboundedArrayQueue<Envelope> queue = new MpscUnboundedArrayQueue<>(CHUNK_SIZE);

  @Override public void enqueue(ActorRef receiver, Envelope handle) { queue.offer(handle); }
  @Override public Envelope dequeue() { return queue.relaxedPoll(); }
  @Override public int numberOfMessages() { return queue.size(); }
  @Override public boolean hasMessages() { return !queue.isEmpty(); }

  @Override
  public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
    Envelope e;
    while ((e = queue.poll()) != null) deadLetters.enqueue(owner, e);
  }
}

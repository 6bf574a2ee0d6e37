package io.troupe.interop;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/**
 * A probe on the Pekko side: an actor that queues every message with its sender, and watches the refs it is told
 * to ({@link Watch}); its {@code Terminated} messages are queued like any other. Waiting always has a deadline.
 */
public final class PekkoProbe {
  /** Tells the probe actor to watch a ref; the probe then queues {@code "watching"}. */
  public static final class Watch {
    final ActorRef ref;

    public Watch(ActorRef ref) { this.ref = ref; }
  }

  /** A message the probe received, with its sender (Pekko's deadLetters when there was none). */
  public record Received(Object msg, ActorRef sender) {}

  private final LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();
  public final ActorRef ref;

  public PekkoProbe(ActorSystem system) {
    ref = system.actorOf(Props.create(ProbeActor.class, () -> new ProbeActor(queue)));
  }

  /** The next message within {@code max}, or an AssertionError naming {@code what}. */
  public Received receive(String what, Duration max) {
    Received r = poll(max);
    if (r == null) throw new AssertionError("Pekko probe: no message within " + max + " while waiting for " + what);
    return r;
  }

  /** The next message within {@code max}, or null. */
  public Received poll(Duration max) {
    try {
      return queue.poll(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The next message, which must equal {@code expected}. */
  public Received expectMsg(Object expected, Duration max) {
    Received r = receive(String.valueOf(expected), max);
    if (!java.util.Objects.deepEquals(expected, r.msg())) {
      throw new AssertionError("Pekko probe: expected [" + expected + "] but got [" + r.msg() + "] from " + r.sender());
    }
    return r;
  }

  /** The next message, which must be of {@code type}. */
  public <T> T expectMsgClass(Class<T> type, Duration max) {
    Received r = receive(type.getSimpleName(), max);
    if (!type.isInstance(r.msg())) throw new AssertionError("Pekko probe: expected a " + type.getName() + " but got [" + r.msg() + "]");
    return type.cast(r.msg());
  }

  /** Discards messages until none arrived for {@code quiet}, e.g. late answers to retries. */
  public void drain(Duration quiet) {
    while (poll(quiet) != null) {
      // discard
    }
  }

  /** Asserts nothing arrives within {@code d}. */
  public void expectNoMessage(Duration d) {
    Received r = poll(d);
    if (r != null) throw new AssertionError("Pekko probe: unexpected message [" + r.msg() + "] from " + r.sender());
  }

  static final class ProbeActor extends AbstractActor {
    private final LinkedBlockingQueue<Received> queue;

    ProbeActor(LinkedBlockingQueue<Received> queue) { this.queue = queue; }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Watch.class, w -> {
            getContext().watch(w.ref);
            queue.add(new Received("watching", getSelf()));
          })
          .matchAny(m -> queue.add(new Received(m, getSender())))
          .build();
    }
  }
}

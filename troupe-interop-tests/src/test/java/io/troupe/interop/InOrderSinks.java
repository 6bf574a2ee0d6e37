package io.troupe.interop;

/**
 * Actors on both sides that check a stream of sequence numbers 0, 1, 2, ...: every {@link #WINDOW} numbers they answer
 * the sender {@code "ack-<count>"}; a gap or a reordering answers {@code "gap: expected <e> got <n>"}. The sender sends a
 * window and waits for its ack, so the bounded outbound queues never overflow and every loss shows.
 */
final class InOrderSinks {
  static final int WINDOW = 1000;

  private InOrderSinks() {}

  /** What a sink answers to sequence number {@code n} when it expected {@code expected}; null when there is nothing to say. */
  static String check(int expected, int n) {
    if (n != expected) return "gap: expected " + expected + " got " + n;
    return (n + 1) % WINDOW == 0 ? "ack-" + (n + 1) : null;
  }

  static final class OnTroupe extends io.troupe.actor.AbstractActor {
    private int expected;

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(Integer.class, n -> {
        String answer = check(expected, n);
        expected = n + 1;
        if (answer != null) getSender().tell(answer, getSelf());
      }).build();
    }
  }

  static final class OnPekko extends org.apache.pekko.actor.AbstractActor {
    private int expected;

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(Integer.class, n -> {
        String answer = check(expected, n);
        expected = n + 1;
        if (answer != null) getSender().tell(answer, getSelf());
      }).build();
    }
  }
}

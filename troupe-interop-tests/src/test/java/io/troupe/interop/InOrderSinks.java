package io.troupe.interop;

/**
 * Actors on both sides that check a stream of sequence numbers 0, 1, 2, ... (an {@code Integer}, or the {@code n} of
 * a {@link Greeting}, to exercise manifests): every {@link #WINDOW} numbers they answer the sender
 * {@code "ack-<count>"}; a gap or a reordering answers {@code "gap: expected <e> got <n>"}. The sender sends a window
 * and waits for its ack, so the bounded outbound queues never overflow and every loss shows.
 */
final class InOrderSinks {
  static final int WINDOW = 1000;

  private InOrderSinks() {}

  /** The expected next number; {@link #next} says what to answer, or null. */
  static final class Sequence {
    private int expected;

    String next(Object msg) {
      int n = msg instanceof Greeting ? ((Greeting) msg).n : (Integer) msg;
      String answer = n != expected ? "gap: expected " + expected + " got " + n
          : (n + 1) % WINDOW == 0 ? "ack-" + (n + 1) : null;
      expected = n + 1;
      return answer;
    }
  }

  static final class OnTroupe extends io.troupe.actor.AbstractActor {
    private final Sequence seq = new Sequence();

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(Object.class, m -> m instanceof Integer || m instanceof Greeting, m -> {
        String answer = seq.next(m);
        if (answer != null) getSender().tell(answer, getSelf());
      }).build();
    }
  }

  static final class OnPekko extends org.apache.pekko.actor.AbstractActor {
    private final Sequence seq = new Sequence();

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(Object.class, m -> m instanceof Integer || m instanceof Greeting, m -> {
        String answer = seq.next(m);
        if (answer != null) getSender().tell(answer, getSelf());
      }).build();
    }
  }
}

package io.troupe.actor;

/** Stops the receiving actor once it is processed, after the messages enqueued before it. */
public final class PoisonPill implements AutoReceivedMessage, PossiblyHarmful, DeadLetterSuppression, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final PoisonPill INSTANCE = new PoisonPill();

  private PoisonPill() {}

  public static PoisonPill getInstance() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public String toString() { return "PoisonPill"; }
}

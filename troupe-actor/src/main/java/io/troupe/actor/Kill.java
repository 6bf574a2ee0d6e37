package io.troupe.actor;

/** Makes the receiving actor throw {@link ActorKilledException}; its supervisor decides what follows (stop by default). */
public final class Kill implements AutoReceivedMessage, PossiblyHarmful, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final Kill INSTANCE = new Kill();

  private Kill() {}

  public static Kill getInstance() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public String toString() { return "Kill"; }
}

package io.troupe.actor;

/** Deploys the actor in the creating system. */
public final class LocalScope implements Scope {
  private static final long serialVersionUID = 1L;
  private static final LocalScope INSTANCE = new LocalScope();

  private LocalScope() {}

  public static LocalScope getInstance() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public Scope withFallback(Scope other) { return this; }

  @Override public String toString() { return "LocalScope"; }
}

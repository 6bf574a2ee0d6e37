package io.troupe.actor;

/** No scope was given: the fallback (config, then local) decides. */
public final class NoScopeGiven implements Scope {
  private static final long serialVersionUID = 1L;
  private static final NoScopeGiven INSTANCE = new NoScopeGiven();

  private NoScopeGiven() {}

  public static NoScopeGiven getInstance() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public Scope withFallback(Scope other) { return other; }

  @Override public String toString() { return "NoScopeGiven"; }
}

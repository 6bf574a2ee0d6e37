package io.troupe.routing;

/**
 * Grows a pool by {@code change} new routees, or shrinks it by stopping the last {@code -change} ones. Groups ignore
 * it.
 */
public final class AdjustPoolSize extends RouterManagementMessage {
  private static final long serialVersionUID = 1L;
  private final int change;

  public AdjustPoolSize(int change) {
    this.change = change;
  }

  public int change() { return change; }

  public int getChange() { return change; }

  @Override public boolean equals(Object o) { return o instanceof AdjustPoolSize && change == ((AdjustPoolSize) o).change; }

  @Override public int hashCode() { return change; }

  @Override public String toString() { return "AdjustPoolSize(" + change + ")"; }
}

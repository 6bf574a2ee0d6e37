package io.troupe.actor;

/** What a supervisor remembers about a child: the ref and its restarts within the current time window. */
public final class ChildRestartStats {
  private final ActorRef child;
  private int restartCount;
  private long windowStartMillis;

  public ChildRestartStats(ActorRef child) { this.child = child; }

  public ActorRef child() { return child; }

  public int uid() { return child.path().uid(); }

  /** Only the supervisor's thread calls this. */
  boolean requestRestartPermission(int maxNrOfRetries, long withinMillis) {
    if (maxNrOfRetries < 0 && withinMillis < 0) return true;
    if (withinMillis < 0) {
      restartCount++;
      return restartCount <= maxNrOfRetries;
    }
    int max = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
    long now = System.nanoTime() / 1_000_000L;
    if (restartCount == 0 || now - windowStartMillis > withinMillis) {
      windowStartMillis = now;
      restartCount = 1;
      return max >= 1;
    }
    restartCount++;
    return restartCount <= max;
  }
}

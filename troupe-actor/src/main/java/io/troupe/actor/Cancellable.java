package io.troupe.actor;

/** A handle on a scheduled task. */
public interface Cancellable {
  /** Cancels the task; returns true when this call cancelled it, false when it had run (once) or was cancelled before. */
  boolean cancel();

  boolean isCancelled();
}

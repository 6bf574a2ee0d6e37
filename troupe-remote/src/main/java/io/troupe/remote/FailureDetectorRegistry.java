package io.troupe.remote;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One failure detector per monitored resource (for remoting: per remote address), created on its first heartbeat.
 * Thread-safe.
 */
public final class FailureDetectorRegistry<A> {
  private final Supplier<FailureDetector> factory;
  private final ConcurrentHashMap<A, FailureDetector> detectors = new ConcurrentHashMap<>();

  public FailureDetectorRegistry(Supplier<FailureDetector> factory) {
    this.factory = factory;
  }

  /** True when {@code resource} is available or not monitored. */
  public boolean isAvailable(A resource) {
    FailureDetector d = detectors.get(resource);
    return d == null || d.isAvailable();
  }

  public boolean isMonitoring(A resource) {
    FailureDetector d = detectors.get(resource);
    return d != null && d.isMonitoring();
  }

  /** Records a heartbeat from {@code resource}, starting to monitor it on the first one. */
  public void heartbeat(A resource) {
    detectors.computeIfAbsent(resource, r -> factory.get()).heartbeat();
  }

  /** Stops monitoring {@code resource}. */
  public void remove(A resource) {
    detectors.remove(resource);
  }

  /** Stops monitoring everything. */
  public void reset() {
    detectors.clear();
  }

  /** The detector of {@code resource}, or null. */
  public FailureDetector detector(A resource) {
    return detectors.get(resource);
  }
}

package io.troupe.remote.observe;

import io.troupe.actor.Address;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.RemotingLifecycleEvent;

/**
 * Every notable remoting event, for the JDK Flight Recorder (or nothing). Contract: called from any thread, including
 * I/O threads, must not block or throw, and must be cheap when recording is off.
 */
public interface RemotingFlightRecorder {
  /** A lifecycle event was published (associated, disassociated, error, quarantined, listen, shutdown). */
  void lifecycle(RemotingLifecycleEvent event);

  /** A message was dropped for {@code reason}; {@code what} describes it (type, size). */
  void dropped(Counter reason, Address peer, String what);

  /** An inbound connection was closed because its bytes broke the framing. */
  void connectionClosedMalformed(String remote, String problem);

  /**
   * A compression table changed hands with {@code peer}: {@code what} is "advertised", "resent", "gave-up" (taken as
   * confirmed after the resends) or "confirmed" for this node's tables, "accepted" for a peer's table this node now
   * compresses with; {@code table} is "actor-refs" or "manifests".
   */
  void compressionTable(String what, String table, Address peer, int version, int entries);

  /** Records nothing. */
  RemotingFlightRecorder NO_OP = new RemotingFlightRecorder() {
    @Override public void lifecycle(RemotingLifecycleEvent event) {}
    @Override public void dropped(Counter reason, Address peer, String what) {}
    @Override public void connectionClosedMalformed(String remote, String problem) {}
    @Override public void compressionTable(String what, String table, Address peer, int version, int entries) {}
  };

  /**
   * True when the JVM's Flight Recorder is initialized (something started a recording). Until then no class extending
   * {@code jdk.jfr.Event} should be loaded: the JVM would instrument it and start JFR's Java side for it.
   */
  static boolean flightRecorderInitialized() {
    try {
      return jdk.jfr.FlightRecorder.isInitialized();
    } catch (LinkageError e) {
      return false;
    }
  }

  /**
   * Netty's allocator emits JFR events of its own (io.netty.jfr.enabled, on by default); loading their classes on the
   * first buffer allocation starts JFR's Java side (about a hundred classes and a bytecode generator) even when nothing
   * records, in the middle of the first connection. Turned off here unless a recording is running at start or the
   * property is set explicitly. Call before Netty's classes are initialized.
   */
  static void quietNettyFlightRecorderEvents() {
    if (System.getProperty("io.netty.jfr.enabled") == null && !flightRecorderInitialized()) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
  }

  /** The JFR recorder when {@code enabled} and the JDK has JFR, else {@link #NO_OP}. */
  static RemotingFlightRecorder create(boolean enabled) {
    if (!enabled) return NO_OP;
    try {
      Class.forName("jdk.jfr.Event");
      return new JfrRemotingFlightRecorder();
    } catch (ClassNotFoundException | LinkageError e) {
      return NO_OP;
    }
  }
}

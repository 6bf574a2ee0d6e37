package io.troupe.remote;

/** Every remoting event published on the event stream; subscribe to this class to see them all. */
public interface RemotingLifecycleEvent {
  /** The SLF4J level the event is logged at when {@code troupe.remote.log-remote-lifecycle-events} is on. */
  default org.slf4j.event.Level logLevel() { return org.slf4j.event.Level.INFO; }
}

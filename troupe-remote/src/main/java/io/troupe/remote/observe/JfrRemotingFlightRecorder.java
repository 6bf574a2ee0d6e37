package io.troupe.remote.observe;

import io.troupe.actor.Address;
import io.troupe.remote.AssociationErrorEvent;
import io.troupe.remote.AssociationEvent;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.RemotingLifecycleEvent;
import io.troupe.remote.artery.GracefulShutdownQuarantinedEvent;
import io.troupe.remote.artery.QuarantinedEvent;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Remoting events for the JDK Flight Recorder, in the category "Troupe / Remoting". They cost nothing measurable when
 * no recording asks for them ({@code isEnabled()} is checked before building the event).
 *
 * <p>Until the JVM's Flight Recorder is initialized (a recording was started: {@code -XX:StartFlightRecording},
 * {@code jcmd JFR.start}, the JFR API) no event class is loaded: loading a subclass of {@link Event} makes the JVM
 * instrument it, which loads and starts JFR's Java side (over a hundred classes and a bytecode generator, some 100 ms
 * of start-up) even when nothing will ever record. No event could be recorded before that anyway.
 */
final class JfrRemotingFlightRecorder implements RemotingFlightRecorder {

  @Name("io.troupe.remote.Lifecycle")
  @Label("Remoting lifecycle")
  @Description("Association established or lost, association error, quarantine, listen, shutdown")
  @Category({"Troupe", "Remoting"})
  @StackTrace(false)
  static final class LifecycleEvent extends Event {
    @Label("Kind") String kind;
    @Label("Local address") String localAddress;
    @Label("Remote address") String remoteAddress;
    @Label("Remote UID") long remoteUid;
    @Label("Inbound") boolean inbound;
    @Label("Detail") String detail;
  }

  @Name("io.troupe.remote.MessageDropped")
  @Label("Message dropped")
  @Description("A message was dropped; the reason is one of the RemotingCounters drop counters")
  @Category({"Troupe", "Remoting"})
  @StackTrace(false)
  static final class DroppedEvent extends Event {
    @Label("Reason") String reason;
    @Label("Peer") String peer;
    @Label("What") String what;
  }

  @Name("io.troupe.remote.MalformedConnection")
  @Label("Connection closed on malformed input")
  @Category({"Troupe", "Remoting"})
  @StackTrace(false)
  static final class MalformedEvent extends Event {
    @Label("Remote socket") String remote;
    @Label("Problem") String problem;
  }

  @Name("io.troupe.remote.CompressionTable")
  @Label("Compression table")
  @Description("A compression table advertised, resent, confirmed or given up by this node, or a peer's table accepted")
  @Category({"Troupe", "Remoting"})
  @StackTrace(false)
  static final class CompressionTableEvent extends Event {
    @Label("What") String what;
    @Label("Table") String table;
    @Label("Peer") String peer;
    @Label("Version") int version;
    @Label("Entries") int entries;
  }

  @Override
  public void lifecycle(RemotingLifecycleEvent e) {
    if (!RemotingFlightRecorder.flightRecorderInitialized()) return;
    LifecycleEvent ev = new LifecycleEvent();
    if (!ev.isEnabled()) return;
    ev.kind = e.getClass().getSimpleName();
    if (e instanceof AssociationEvent) {
      AssociationEvent a = (AssociationEvent) e;
      ev.localAddress = String.valueOf(a.getLocalAddress());
      ev.remoteAddress = String.valueOf(a.getRemoteAddress());
      ev.inbound = a.isInbound();
      if (e instanceof AssociationErrorEvent && ((AssociationErrorEvent) e).getCause() != null) {
        ev.detail = ((AssociationErrorEvent) e).getCause().toString();
      }
    } else if (e instanceof QuarantinedEvent) {
      ev.remoteAddress = String.valueOf(((QuarantinedEvent) e).uniqueAddress().address());
      ev.remoteUid = ((QuarantinedEvent) e).uniqueAddress().uid();
      ev.detail = ((QuarantinedEvent) e).reason();
    } else if (e instanceof GracefulShutdownQuarantinedEvent) {
      ev.remoteAddress = String.valueOf(((GracefulShutdownQuarantinedEvent) e).uniqueAddress().address());
      ev.remoteUid = ((GracefulShutdownQuarantinedEvent) e).uniqueAddress().uid();
      ev.detail = ((GracefulShutdownQuarantinedEvent) e).reason();
    } else {
      ev.detail = e.toString();
    }
    ev.commit();
  }

  @Override
  public void dropped(Counter reason, Address peer, String what) {
    if (!RemotingFlightRecorder.flightRecorderInitialized()) return;
    DroppedEvent ev = new DroppedEvent();
    if (!ev.isEnabled()) return;
    ev.reason = reason.name();
    ev.peer = String.valueOf(peer);
    ev.what = what;
    ev.commit();
  }

  @Override
  public void connectionClosedMalformed(String remote, String problem) {
    if (!RemotingFlightRecorder.flightRecorderInitialized()) return;
    MalformedEvent ev = new MalformedEvent();
    if (!ev.isEnabled()) return;
    ev.remote = remote;
    ev.problem = problem;
    ev.commit();
  }

  @Override
  public void compressionTable(String what, String table, Address peer, int version, int entries) {
    if (!RemotingFlightRecorder.flightRecorderInitialized()) return;
    CompressionTableEvent ev = new CompressionTableEvent();
    if (!ev.isEnabled()) return;
    ev.what = what;
    ev.table = table;
    ev.peer = String.valueOf(peer);
    ev.version = version;
    ev.entries = entries;
    ev.commit();
  }
}

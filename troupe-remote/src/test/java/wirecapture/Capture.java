package wirecapture;

import io.troupe.actor.AbstractActor;

/**
 * Stands in for the actor class of the capture program (research/wirecapture), so the captured DaemonMsgCreate names
 * a class this test class path has and can be decoded into Props.
 */
public final class Capture {
  private Capture() {}

  /** The remote-deployed child of the capture's scenario 7 ({@code wirecapture.Capture$Fragile}). */
  public static final class Fragile extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().build();
    }
  }
}

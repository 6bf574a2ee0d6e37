package io.troupe.actor;

/** An actor with named timers: {@code getTimers().startSingleTimer(key, msg, delay)}. */
public abstract class AbstractActorWithTimers extends AbstractActor {
  /** This actor's timers; use from the actor's own thread only. */
  public final TimerScheduler getTimers() {
    return actorCell().timers();
  }
}

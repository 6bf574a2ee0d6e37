package io.troupe.actor;

/** Thrown when an actor does not handle the {@link Terminated} of an actor it watches; the default supervisor stops it. */
public class DeathPactException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ActorRef deadActor;

  public DeathPactException(ActorRef deadActor) {
    super("Monitored actor [" + deadActor + "] terminated");
    this.deadActor = deadActor;
  }

  public ActorRef getDeadActor() { return deadActor; }
  public ActorRef deadActor() { return deadActor; }

  @Override public synchronized Throwable fillInStackTrace() { return this; }
}

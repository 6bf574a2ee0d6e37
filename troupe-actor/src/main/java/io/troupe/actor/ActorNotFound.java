package io.troupe.actor;

/** Fails {@link ActorSelection#resolveOne} when no actor matches the selection. */
public final class ActorNotFound extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ActorSelection selection;

  public ActorNotFound(ActorSelection selection) {
    super("Actor not found for: " + selection);
    this.selection = selection;
  }

  public ActorSelection selection() { return selection; }
}

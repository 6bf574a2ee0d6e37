package io.troupe.actor;

/** What can create actors and selections: an actor system or an actor's context. */
public interface ActorRefFactory {
  /** Creates an actor with a generated name (starting with {@code $}). */
  ActorRef actorOf(Props props);

  /**
   * Creates an actor with the given name.
   *
   * @throws InvalidActorNameException when the name is invalid or taken
   */
  ActorRef actorOf(Props props, String name);

  ActorSelection actorSelection(String path);

  ActorSelection actorSelection(ActorPath path);

  /** Stops the actor asynchronously: it finishes its current message, stops its children, then runs postStop. */
  void stop(ActorRef actor);
}

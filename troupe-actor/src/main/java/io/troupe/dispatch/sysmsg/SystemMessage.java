package io.troupe.dispatch.sysmsg;

import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorRef;

/**
 * Messages between actor cells about lifecycle and supervision. They bypass the user mailbox: a cell processes all
 * pending system messages before each user message, and even while suspended. Internal API.
 */
public interface SystemMessage {

  /** Start the actor (sent to itself when the cell is created); carries a failure when creation was refused. */
  record Create(ActorInitializationException failure) implements SystemMessage {}

  /** Restart after {@code cause}. */
  record Recreate(Throwable cause) implements SystemMessage {}

  /** Stop processing user messages until a matching {@link Resume}. */
  record Suspend() implements SystemMessage {}

  /** Undo one {@link Suspend}; {@code causedByFailure} is set when the supervisor resumes a failed child. */
  record Resume(Throwable causedByFailure) implements SystemMessage {}

  /** Stop the actor. */
  record Terminate() implements SystemMessage {}

  /** Sent by a new child to its parent: the child started (or is about to). */
  record Supervise(ActorRef child, boolean async) implements SystemMessage {}

  /** {@code watcher} wants to learn when {@code watchee} stops. */
  record Watch(ActorRef watchee, ActorRef watcher) implements SystemMessage {}

  /** {@code watcher} no longer watches {@code watchee}. */
  record Unwatch(ActorRef watchee, ActorRef watcher) implements SystemMessage {}

  /** {@code actor} has stopped (or never existed, when {@code existenceConfirmed} is false). */
  record DeathWatchNotification(ActorRef actor, boolean existenceConfirmed, boolean addressTerminated) implements SystemMessage {}

  /** A child failed with {@code cause}; {@code uid} tells which incarnation. */
  record Failed(ActorRef child, Throwable cause, int uid) implements SystemMessage {}

  /** Wakes a cell to re-check its children (a reserved child name was released). */
  record NoMessage() implements SystemMessage {}
}

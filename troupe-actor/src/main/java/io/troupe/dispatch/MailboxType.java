package io.troupe.dispatch;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import java.util.Optional;

/**
 * Creates message queues; named by {@code mailbox-type} in a mailbox or dispatcher config block. An implementation has a
 * public constructor {@code (ActorSystem.Settings, com.typesafe.config.Config)} or a no-argument one.
 */
public interface MailboxType {
  /** Called once per actor, on the thread that creates it. */
  MessageQueue create(Optional<ActorRef> owner, Optional<ActorSystem> system);
}

package io.troupe.dispatch;

import com.typesafe.config.Config;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import java.util.Optional;

/** The default mailbox: unbounded, lock-free (JCTools MPSC array queue). */
public class UnboundedMailbox implements MailboxType {
  public UnboundedMailbox() {}

  public UnboundedMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Optional<ActorRef> owner, Optional<ActorSystem> system) {
    return new UnboundedMessageQueue();
  }
}

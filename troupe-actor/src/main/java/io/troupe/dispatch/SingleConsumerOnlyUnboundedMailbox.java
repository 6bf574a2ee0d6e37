package io.troupe.dispatch;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;

/** Pekko's name for its fastest unbounded mailbox; here the same queue as {@link UnboundedMailbox}. */
public final class SingleConsumerOnlyUnboundedMailbox extends UnboundedMailbox {
  public SingleConsumerOnlyUnboundedMailbox() {}

  public SingleConsumerOnlyUnboundedMailbox(ActorSystem.Settings settings, Config config) {}
}

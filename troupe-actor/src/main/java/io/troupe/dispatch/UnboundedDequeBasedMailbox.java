package io.troupe.dispatch;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;

/** Accepted for configs written for Pekko's stash; any Troupe mailbox supports stashing, so this is the default queue. */
public final class UnboundedDequeBasedMailbox extends UnboundedMailbox {
  public UnboundedDequeBasedMailbox() {}

  public UnboundedDequeBasedMailbox(ActorSystem.Settings settings, Config config) {}
}

package io.troupe.dispatch;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.internal.ActorSystemImpl;
import java.time.Duration;
import java.util.Optional;

/**
 * A mailbox of {@code mailbox-capacity} messages. A sender facing a full mailbox waits up to
 * {@code mailbox-push-timeout-time} (0: no wait; negative: wait for room), then the message becomes a dead letter.
 */
public class BoundedMailbox implements MailboxType {
  private final int capacity;
  private final long pushTimeoutNanos;

  public BoundedMailbox(int capacity, Duration pushTimeout) {
    if (capacity < 1) throw new IllegalArgumentException("mailbox-capacity = " + capacity + " must be at least 1");
    this.capacity = capacity;
    this.pushTimeoutNanos = pushTimeout.isNegative() ? -1 : pushTimeout.toNanos();
  }

  public BoundedMailbox(ActorSystem.Settings settings, Config config) {
    this(readCapacity(config), config.getDuration("mailbox-push-timeout-time"));
  }

  private static int readCapacity(Config config) {
    int c = config.getInt("mailbox-capacity");
    if (c < 1) {
      throw new ConfigurationException("mailbox-capacity = " + c + " is out of range (expected at least 1) in the mailbox "
          + "configuration " + config.origin().description());
    }
    return c;
  }

  public int capacity() { return capacity; }

  @Override
  public MessageQueue create(Optional<ActorRef> owner, Optional<ActorSystem> system) {
    ActorRef dl = system.map(s -> ((ActorSystemImpl) s).deadLetters()).orElse(null);
    return new BoundedMessageQueue(capacity, pushTimeoutNanos, dl);
  }
}

package io.troupe.routing;

import java.util.List;

/**
 * Picks the destination of one message. Called on the sending thread, concurrently from many threads, for every
 * routed message: it must be thread-safe, must not block, and should not allocate more than it has to. It returns
 * {@link NoRoutee} when it has no destination; {@code routees} is an immutable snapshot.
 */
public interface RoutingLogic {
  Routee select(Object message, List<Routee> routees);
}

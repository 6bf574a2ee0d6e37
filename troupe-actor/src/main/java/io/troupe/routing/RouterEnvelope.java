package io.troupe.routing;

/**
 * A message wrapper that routing understands: the router uses the envelope to choose, and the routees receive
 * {@link #message()}, not the envelope ({@link Broadcast}, {@link ConsistentHashingRouter.ConsistentHashableEnvelope}).
 */
public interface RouterEnvelope {
  Object message();
}

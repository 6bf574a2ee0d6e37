package io.troupe.actor;

/**
 * Marker for messages that {@code troupe.actor.serialize-messages = on} does not round-trip through their serializer,
 * and for Props arguments that {@code troupe.actor.serialize-creators = on} does not check: messages that by design
 * never leave the JVM. As Pekko's {@code NoSerializationVerificationNeeded}.
 */
public interface NoSerializationVerificationNeeded {}

package io.troupe.actor;

/** Marker for messages that the actor cell handles itself before the actor's behaviour sees them. */
public interface AutoReceivedMessage {}

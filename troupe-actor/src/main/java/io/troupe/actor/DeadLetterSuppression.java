package io.troupe.actor;

/** Marker for messages that are not logged when they end up in dead letters (they are still published). */
public interface DeadLetterSuppression {}

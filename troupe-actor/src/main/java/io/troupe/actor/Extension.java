package io.troupe.actor;

/** Marker for an object that lives once per actor system, created through an {@link ExtensionId}. */
public interface Extension {}

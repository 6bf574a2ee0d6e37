package io.troupe.actor;

/** Marker for messages that may harm a system when they come from an untrusted peer; untrusted mode drops them. */
public interface PossiblyHarmful {}

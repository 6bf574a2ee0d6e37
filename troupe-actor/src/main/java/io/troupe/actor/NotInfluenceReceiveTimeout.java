package io.troupe.actor;

/** Marker for messages whose arrival does not reset the receive timeout. */
public interface NotInfluenceReceiveTimeout {}

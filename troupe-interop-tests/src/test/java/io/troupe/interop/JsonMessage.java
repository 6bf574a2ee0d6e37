package io.troupe.interop;

/** Marker bound to jackson-json on both sides, so the same class crosses between Troupe and Pekko as JSON. */
public interface JsonMessage {}

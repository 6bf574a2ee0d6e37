package io.troupe.actor;

/** Pekko's name for a stash without capacity limit; Troupe's stash takes its limit from config. */
public abstract class AbstractActorWithUnboundedStash extends AbstractActorWithStash {}

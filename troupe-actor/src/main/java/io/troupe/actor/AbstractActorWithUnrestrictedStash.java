package io.troupe.actor;

/** Pekko's name for a stash that works with any mailbox; every Troupe mailbox supports stashing. */
public abstract class AbstractActorWithUnrestrictedStash extends AbstractActorWithStash {}

package io.troupe.actor;

/**
 * What every actor is. Users extend {@link AbstractActor} (or one of its variants) rather than implement this directly;
 * it exists so that {@code Props.create(Class<T extends Actor>, Creator<T>)} reads as in Pekko.
 */
public interface Actor {}

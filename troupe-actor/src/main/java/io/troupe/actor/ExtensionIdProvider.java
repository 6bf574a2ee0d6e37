package io.troupe.actor;

/** Lets {@code troupe.extensions} name an extension to load at system start. */
public interface ExtensionIdProvider {
  ExtensionId<? extends Extension> lookup();
}

package io.troupe.actor;

/** Base class for Java extension ids: implement {@link #createExtension}. */
public abstract class AbstractExtensionId<T extends Extension> implements ExtensionId<T> {}

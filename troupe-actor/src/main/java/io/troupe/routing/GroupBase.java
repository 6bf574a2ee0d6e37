package io.troupe.routing;

/** Base for groups written in Java: implement {@link #getPaths} and {@link #createRouter}. */
public abstract class GroupBase implements Group {
  private static final long serialVersionUID = 1L;
}

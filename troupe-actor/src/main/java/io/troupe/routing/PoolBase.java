package io.troupe.routing;

/** Base for pools written in Java: implement {@link #nrOfInstances} and {@link #createRouter}. */
public abstract class PoolBase implements Pool {
  private static final long serialVersionUID = 1L;
}

package io.troupe.routing;

/**
 * Messages that a router actor handles itself instead of routing them ({@link GetRoutees}, {@link AddRoutee},
 * {@link RemoveRoutee}, {@link AdjustPoolSize}). They go through the router's mailbox, so they take effect in order.
 */
public abstract class RouterManagementMessage implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  RouterManagementMessage() {}
}

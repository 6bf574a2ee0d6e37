package io.troupe;

/**
 * The value that says "finished, nothing to report", as Pekko's {@code org.apache.pekko.Done}: the element of a
 * {@code CompletionStage<Done>} or a reply that only acknowledges. There is one instance. It crosses the network with
 * troupe-remote's misc serializer (id 16, manifest {@code DONE}, no bytes), which Pekko reads as its own {@code Done}.
 */
public final class Done implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final Done INSTANCE = new Done();

  private Done() {}

  /** The instance. */
  public static Done getInstance() { return INSTANCE; }

  /** The instance; reads well in {@code CompletableFuture.completedFuture(Done.done())}. */
  public static Done done() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public String toString() { return "Done"; }
}

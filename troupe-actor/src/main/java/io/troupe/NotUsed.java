package io.troupe;

/**
 * The value of a type parameter that carries nothing, as Pekko's {@code org.apache.pekko.NotUsed}. There is one
 * instance. It crosses the network with troupe-remote's misc serializer (id 16, manifest {@code NU}, no bytes).
 */
public final class NotUsed implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final NotUsed INSTANCE = new NotUsed();

  private NotUsed() {}

  /** The instance. */
  public static NotUsed getInstance() { return INSTANCE; }

  /** The instance. */
  public static NotUsed notUsed() { return INSTANCE; }

  private Object readResolve() { return INSTANCE; }

  @Override public String toString() { return "NotUsed"; }
}

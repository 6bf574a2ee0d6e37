package io.troupe.actor;

/**
 * An immutable, shareable handle on an actor, local or remote. Two refs are equal when they point at the same path
 * and the same incarnation (uid).
 */
public abstract class ActorRef implements Comparable<ActorRef>, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The path of the actor, carrying its uid. */
  public abstract ActorPath path();

  /**
   * Sends a message asynchronously, never blocking (except into a bounded mailbox configured to block). Messages from
   * one sender to one recipient arrive in the order they were sent, at most once.
   *
   * @param sender the ref replies go to; {@link #noSender()} (null) makes dead letters the sender
   */
  public abstract void tell(Object message, ActorRef sender);

  /** Sends keeping the original sender of the message currently processed in {@code context}. */
  public void forward(Object message, ActorContext context) {
    tell(message, context.sender());
  }

  /** The "no sender" value: {@code null}. Replies to it go to dead letters. */
  public static ActorRef noSender() {
    return null;
  }

  /** Pekko's {@code ActorRef.noSender} as a constant for Java code that prefers it. */
  public static final ActorRef NO_SENDER = null;

  @Override
  public final int compareTo(ActorRef o) {
    int c = path().compareTo(o.path());
    return c != 0 ? c : Integer.compare(path().uid(), o.path().uid());
  }

  @Override
  public final int hashCode() {
    int uid = path().uid();
    return uid == ActorPath.UNDEFINED_UID ? path().hashCode() : uid;
  }

  @Override
  public final boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ActorRef)) return false;
    ActorPath p = path(), q = ((ActorRef) o).path();
    return p.uid() == q.uid() && p.equals(q);
  }

  @Override
  public String toString() {
    ActorPath p = path();
    return p.uid() == ActorPath.UNDEFINED_UID ? "Actor[" + p + "]" : "Actor[" + p + "#" + p.uid() + "]";
  }
}

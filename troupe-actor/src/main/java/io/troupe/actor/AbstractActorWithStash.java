package io.troupe.actor;

import io.troupe.dispatch.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An actor that can set messages aside with {@link #stash()} and take them all back, in order and ahead of newer
 * messages, with {@link #unstashAll()}. The stash survives restarts (it is put back into the mailbox before the
 * restart) and its messages become dead letters when the actor stops. Its capacity is {@code stash-capacity} from the
 * actor's mailbox block, else its dispatcher block, else {@code troupe.actor.default-mailbox} (negative: unbounded).
 */
public abstract class AbstractActorWithStash extends AbstractActor {
  private final List<Envelope> theStash = new ArrayList<>();
  private final int capacity;

  protected AbstractActorWithStash() {
    Props props = getContext().getProps();
    this.capacity = ((ExtendedActorSystem) getContext().getSystem()).dispatchers()
        .stashCapacity(props.dispatcher(), props.mailbox());
  }

  /**
   * Sets the current message aside.
   *
   * @throws IllegalStateException when the same message is stashed twice
   * @throws StashOverflowException when the stash is full
   */
  public void stash() {
    Envelope cur = actorCell().currentEnvelope();
    if (cur == null) throw new IllegalStateException("stash() called outside of message processing");
    if (!theStash.isEmpty() && theStash.get(theStash.size() - 1) == cur) {
      throw new IllegalStateException("Can't stash the same message " + cur.message + " more than once");
    }
    if (capacity >= 0 && theStash.size() >= capacity) {
      throw new StashOverflowException("Couldn't enqueue message " + cur.message.getClass().getName() + " from "
          + cur.sender + " to stash of " + getSelf() + ": stash-capacity " + capacity + " reached");
    }
    theStash.add(cur);
  }

  /** Puts every stashed message back at the head of the mailbox, oldest first. */
  public void unstashAll() {
    if (theStash.isEmpty()) return;
    actorCell().prependToMailbox(new ArrayList<>(theStash));
    theStash.clear();
  }

  /** Puts the oldest stashed message back at the head of the mailbox. */
  public void unstash() {
    if (theStash.isEmpty()) return;
    actorCell().prependToMailbox(List.of(theStash.remove(0)));
  }

  /** The number of stashed messages. */
  public int stashSize() { return theStash.size(); }

  @Override
  public void aroundPreRestart(Throwable reason, Optional<Object> message) throws Exception {
    try {
      unstashAll();
    } finally {
      super.aroundPreRestart(reason, message);
    }
  }

  @Override
  public void aroundPostStop() throws Exception {
    try {
      unstashAll(); // the closing mailbox hands them to dead letters
    } finally {
      super.aroundPostStop();
    }
  }
}

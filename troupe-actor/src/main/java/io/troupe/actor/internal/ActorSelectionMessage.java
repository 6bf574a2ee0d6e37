package io.troupe.actor.internal;

import io.troupe.actor.AutoReceivedMessage;
import io.troupe.actor.PossiblyHarmful;
import java.util.List;

/**
 * A message travelling along a selection path: delivered to the anchor, which walks {@code elements}. On the wire this
 * is the selection envelope (spec section 9). {@code wildcardFanOut} is set once a pattern has matched more than one
 * actor, so that misses below it are silent. Internal API.
 */
public final class ActorSelectionMessage implements AutoReceivedMessage, PossiblyHarmful {
  private final Object message;
  private final List<SelectionPathElement> elements;
  private final boolean wildcardFanOut;

  public ActorSelectionMessage(Object message, List<SelectionPathElement> elements, boolean wildcardFanOut) {
    this.message = message;
    this.elements = List.copyOf(elements);
    this.wildcardFanOut = wildcardFanOut;
  }

  public Object message() { return message; }
  public List<SelectionPathElement> elements() { return elements; }
  public boolean wildcardFanOut() { return wildcardFanOut; }

  public ActorSelectionMessage withRemaining(List<SelectionPathElement> rest, boolean fanOut) {
    return new ActorSelectionMessage(message, rest, fanOut);
  }

  @Override
  public String toString() {
    return "ActorSelectionMessage(" + message + "," + elements + "," + wildcardFanOut + ")";
  }
}

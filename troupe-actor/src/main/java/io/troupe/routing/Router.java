package io.troupe.routing;

import io.troupe.actor.ActorRef;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.internal.InternalActorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable routing table: a {@link RoutingLogic} and a snapshot of routees. A router actor holds one and swaps it
 * for a new one when its routees change; the same class routes inside user actors ({@code new Router(new
 * RoundRobinRoutingLogic(), routees).route(msg, getSender())}). {@link #route} may be called from any thread.
 */
public final class Router {
  private final RoutingLogic logic;
  private final List<Routee> routees;

  public Router(RoutingLogic logic) {
    this(logic, List.of());
  }

  public Router(RoutingLogic logic, Iterable<? extends Routee> routees) {
    this.logic = Objects.requireNonNull(logic, "logic");
    List<Routee> copy = new ArrayList<>();
    for (Routee r : routees) copy.add(Objects.requireNonNull(r, "routee"));
    this.routees = List.copyOf(copy);
  }

  public RoutingLogic logic() { return logic; }

  /** The routees, an immutable list. */
  public List<Routee> routees() { return routees; }

  public List<Routee> getRoutees() { return routees; }

  /**
   * Sends {@code message} to the routee the logic selects, or to every routee when it is a {@link Broadcast}. A
   * {@link RouterEnvelope} is unwrapped: routees receive its content. Without a destination the message becomes a dead
   * letter when the sender belongs to an actor system, and is dropped otherwise.
   */
  public void route(Object message, ActorRef sender) {
    route(message, sender, null);
  }

  /**
   * Internal: {@link #route(Object, ActorRef)}, with messages that find no routee published as dead letters naming
   * {@code recipient} (the router ref) rather than the dead-letter ref.
   */
  public void route(Object message, ActorRef sender, InternalActorRef recipient) {
    Routee target;
    if (message instanceof Broadcast) {
      target = routees.isEmpty() ? NoRoutee.getInstance() : new SeveralRoutees(routees);
    } else {
      target = logic.select(message, routees);
    }
    Object payload = message instanceof RouterEnvelope ? ((RouterEnvelope) message).message() : message;
    if (target == NoRoutee.getInstance() || target == null) {
      InternalActorRef where = recipient != null ? recipient
          : sender instanceof InternalActorRef ? (InternalActorRef) sender : null;
      if (where != null) {
        ActorRef deadLetters = where.provider().deadLetters();
        deadLetters.tell(new DeadLetter(payload, sender == null ? deadLetters : sender, recipient != null ? recipient : deadLetters), sender);
      }
      return;
    }
    target.send(payload, sender);
  }

  public Router withRoutees(Iterable<? extends Routee> rs) { return new Router(logic, rs); }

  /** A router with {@code routee} added at the end; adding one it already has changes nothing. */
  public Router addRoutee(Routee routee) {
    if (routees.contains(routee)) return this;
    List<Routee> next = new ArrayList<>(routees.size() + 1);
    next.addAll(routees);
    next.add(routee);
    return new Router(logic, next);
  }

  public Router addRoutee(ActorRef ref) { return addRoutee(new ActorRefRoutee(ref)); }

  /** A router without {@code routee} (and, for several routees, without each of them). */
  public Router removeRoutee(Routee routee) {
    if (routee instanceof SeveralRoutees) {
      Router r = this;
      for (Routee each : ((SeveralRoutees) routee).getRoutees()) r = r.removeRoutee(each);
      return r;
    }
    if (!routees.contains(routee)) return this;
    List<Routee> next = new ArrayList<>(routees);
    next.remove(routee);
    return new Router(logic, next);
  }

  public Router removeRoutee(ActorRef ref) { return removeRoutee(new ActorRefRoutee(ref)); }

  @Override public String toString() { return "Router(" + logic + ", " + routees + ")"; }
}

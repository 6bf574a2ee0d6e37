package io.troupe.routing;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;

/**
 * A router whose routees exist already: it is given their paths, and sends each routed message by actor selection, so
 * a routee that is replaced at the same path keeps receiving. The router neither creates nor supervises them.
 */
public interface Group extends RouterConfig {

  /** The routees' paths: absolute ({@code /user/a}) or full URIs ({@code troupe://sys@host:port/user/a}). */
  Iterable<String> getPaths(ActorSystem system);

  /** The Props of a router of this kind. */
  default Props props() { return Props.empty().withRouter(this); }

  /** The routee for one path; {@code context} is the router actor's. */
  default Routee routeeFor(String path, AbstractActor.ActorContext context) {
    return new ActorSelectionRoutee(context.actorSelection(path));
  }
}

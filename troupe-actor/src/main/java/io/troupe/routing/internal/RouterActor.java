package io.troupe.routing.internal;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.routing.ActorRefRoutee;
import io.troupe.routing.AddRoutee;
import io.troupe.routing.AdjustPoolSize;
import io.troupe.routing.GetRoutees;
import io.troupe.routing.Pool;
import io.troupe.routing.RemoveRoutee;
import io.troupe.routing.Routee;
import io.troupe.routing.Routees;
import io.troupe.routing.Router;
import io.troupe.routing.RouterConfig;
import io.troupe.routing.SeveralRoutees;
import java.util.List;
import java.util.Optional;

/**
 * The actor in a router's cell: it watches the routees and drops those that terminate (stopping the router when none
 * is left), answers {@link GetRoutees}, applies {@link AddRoutee}, {@link RemoveRoutee} and {@link AdjustPoolSize},
 * and supervises pool routees with the pool's strategy. Ordinary messages never get here: {@link RoutedActorRef} routes
 * them on the sender's thread.
 */
public final class RouterActor extends AbstractActor {
  private RoutedActorRef ref;

  private RoutedActorRef ref() {
    if (ref == null) ref = (RoutedActorRef) getSelf();
    return ref;
  }

  @Override
  public void preStart() {
    if (ref().isInitialized()) watchAll();
  }

  private void watchAll() {
    for (Routee r : ref().router().routees()) watchRoutee(r);
  }

  /** A restarted router keeps its routees (the runtime restarts them with it). */
  @Override
  public void preRestart(Throwable reason, Optional<Object> message) {}

  @Override
  public void postStop() {
    RoutedActorRef self = ref();
    self.setRouter(self.router().withRoutees(List.of()));
  }

  @Override
  public SupervisorStrategy supervisorStrategy() {
    RouterConfig cfg = ref().routerConfig();
    return cfg instanceof Pool ? ((Pool) cfg).supervisorStrategy() : SupervisorStrategy.defaultStrategy();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(RoutedActorRef.RouteesReady.class, m -> {
          watchAll();
          stopIfAllRouteesRemoved();
        })
        .match(GetRoutees.class, m -> getSender().tell(new Routees(ref().router().routees()), getSelf()))
        .match(AddRoutee.class, m -> addRoutee(m.routee()))
        .match(RemoveRoutee.class, m -> {
          removeRoutee(m.routee(), true);
          stopIfAllRouteesRemoved();
        })
        .match(AdjustPoolSize.class, m -> adjustPoolSize(m.change()))
        .match(Terminated.class, t -> {
          removeRoutee(new ActorRefRoutee(t.getActor()), false);
          stopIfAllRouteesRemoved();
        })
        .matchAny(m -> ref().router().route(m, getSender(), ref()))
        .build();
  }

  private void addRoutee(Routee r) {
    RoutedActorRef self = ref();
    Router before = self.router();
    Router after = before.addRoutee(r);
    if (after != before) {
      self.setRouter(after);
      watchRoutee(r);
    }
  }

  private void removeRoutee(Routee r, boolean stopChild) {
    if (r instanceof SeveralRoutees) {
      for (Routee each : ((SeveralRoutees) r).getRoutees()) removeRoutee(each, stopChild);
      return;
    }
    RoutedActorRef self = ref();
    self.setRouter(self.router().removeRoutee(r));
    if (r instanceof ActorRefRoutee) {
      ActorRef routee = ((ActorRefRoutee) r).ref();
      getContext().unwatch(routee);
      if (stopChild && isChild(routee)) {
        // PoisonPill rather than stop: messages already queued for the routee are still processed
        routee.tell(PoisonPill.getInstance(), getSelf());
      }
    }
  }

  private boolean isChild(ActorRef r) {
    return getContext().findChild(r.path().name()).filter(r::equals).isPresent();
  }

  private void adjustPoolSize(int change) {
    RoutedActorRef self = ref();
    if (!(self.routerConfig() instanceof Pool)) return;
    if (change > 0) {
      Pool pool = (Pool) self.routerConfig();
      for (int i = 0; i < change; i++) addRoutee(pool.newRoutee(self.routeeProps(), getContext()));
    } else if (change < 0) {
      List<Routee> current = self.router().routees();
      int keep = Math.max(0, current.size() + change);
      for (Routee r : List.copyOf(current.subList(keep, current.size()))) removeRoutee(r, true);
      stopIfAllRouteesRemoved();
    }
  }

  private void watchRoutee(Routee r) {
    if (r instanceof ActorRefRoutee) getContext().watch(((ActorRefRoutee) r).ref());
  }

  private void stopIfAllRouteesRemoved() {
    RoutedActorRef self = ref();
    if (self.router().routees().isEmpty() && self.routerConfig().stopRouterWhenAllRouteesRemoved()) {
      getContext().stop(getSelf());
    }
  }
}

package io.troupe.routing.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.InvalidMessageException;
import io.troupe.actor.Props;
import io.troupe.actor.internal.ActorCell;
import io.troupe.actor.internal.ActorSystemImpl;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.LocalActorRef;
import io.troupe.dispatch.MailboxType;
import io.troupe.dispatch.MessageDispatcher;
import io.troupe.routing.Group;
import io.troupe.routing.Pool;
import io.troupe.routing.RoundRobinRoutingLogic;
import io.troupe.routing.Routee;
import io.troupe.routing.Router;
import io.troupe.routing.RouterConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The ref of a router. Design note.
 *
 * <p>Routing happens on the sender's thread: {@link #tell} reads the current {@link Router} (one volatile read), asks
 * its logic for a routee and sends straight to it, so an ordinary message costs one mailbox hop, the routee's, as if it
 * had been sent to the routee. Only {@linkplain RouterConfig#isManagementMessage management messages} ({@code
 * PoisonPill}, {@code Kill}, {@code Identify}, {@code Terminated}, selections, {@code GetRoutees} and the other
 * {@code RouterManagementMessage}s) are enqueued for the router actor, {@link RouterActor}, which runs in this ref's
 * cell.
 *
 * <p>The routee list is an immutable {@link Router} in a volatile field. It is written by the creating thread in
 * {@link #start()}, before the ref is handed out, and afterwards only by the router actor (on its own thread, one
 * at a time), which replaces it whenever routees are added, removed or terminate. Senders may route with a snapshot
 * that is one change old: a message can still reach a routee that was just removed (and becomes a dead letter there if
 * it stopped). Once the router actor has stopped the list is empty, and routed messages become dead letters naming this
 * ref.
 *
 * <p>Pool routees are created in {@link #start()}, which the parent calls once it has registered this ref as its
 * child (so a routee failure escalated at once finds a parent that knows the router), as children of the not yet
 * attached cell; the first message sent after {@code actorOf} returns already finds them. A routee that fails at once
 * sends its failure to this cell, which may then run (and create the {@link RouterActor}) before the routees are all
 * in place; so the router actor only watches them once {@link #isInitialized()}, and {@code start} tells it
 * {@link RouteesReady} through the mailbox.
 */
public final class RoutedActorRef extends LocalActorRef {
  private static final long serialVersionUID = 1L;

  private final transient ActorSystemImpl system;
  private final transient RouterConfig routerConfig;
  private final transient Props routeeProps;
  private transient volatile Router router;
  private transient volatile boolean initialized;

  /** Sent by {@link #start()} to the router actor once the routees are in place. */
  static final class RouteesReady {
    static final RouteesReady INSTANCE = new RouteesReady();

    private RouteesReady() {}
  }

  /**
   * @param routerProps the router actor's Props ({@link RouterActor} on the router dispatcher)
   * @param routeeProps what pool routees are made from (without a router)
   */
  public RoutedActorRef(ActorSystemImpl system, Props routerProps, MessageDispatcher dispatcher, MailboxType mailboxType,
                        InternalActorRef parent, ActorPath path, RouterConfig routerConfig, Props routeeProps) {
    super(system, routerProps, dispatcher, mailboxType, parent, path);
    this.system = system;
    this.routerConfig = routerConfig;
    this.routeeProps = routeeProps;
    this.router = new Router(new RoundRobinRoutingLogic()); // empty until start(): messages become dead letters
  }

  /**
   * Creates the initial routees (pool children, or one selection per group path), then starts the router actor.
   * Called once, by the parent on the creating thread, before the ref is handed out. When creating a routee fails, the
   * router is started and stopped at once (which stops the routees made so far, and frees the name once the parent
   * has seen the router terminate) and the failure propagates to {@code actorOf}.
   */
  @Override
  public void start() {
    ActorCell cell = underlying();
    Router r = null;
    List<Routee> routees = new ArrayList<>();
    try {
      r = routerConfig.createRouter(system);
      routees.addAll(r.routees());
      if (routerConfig instanceof Pool) {
        Pool pool = (Pool) routerConfig;
        int n = pool.nrOfInstances(system);
        for (int i = 0; i < n; i++) routees.add(pool.newRoutee(routeeProps, cell));
      } else if (routerConfig instanceof Group) {
        Group group = (Group) routerConfig;
        for (String path : group.getPaths(system)) routees.add(group.routeeFor(path, cell));
      }
    } catch (RuntimeException | Error e) {
      if (r != null) router = r.withRoutees(List.of());
      super.start();
      stop();
      throw e;
    }
    router = r.withRoutees(routees);
    initialized = true;
    super.tell(RouteesReady.INSTANCE, null);
    super.start();
  }

  /** True once {@link #start()} has put the routees in place. */
  boolean isInitialized() { return initialized; }

  @Override
  public void tell(Object message, ActorRef sender) {
    if (message == null) throw new InvalidMessageException("Message is null");
    if (routerConfig.isManagementMessage(message)) super.tell(message, sender);
    else router.route(message, sender, this);
  }

  /** The current routing table (any thread). */
  public Router router() { return router; }

  public RouterConfig routerConfig() { return routerConfig; }

  /** What pool routees are made from. */
  public Props routeeProps() { return routeeProps; }

  /** Replaces the routing table; the router actor's thread only. */
  void setRouter(Router r) { router = r; }
}

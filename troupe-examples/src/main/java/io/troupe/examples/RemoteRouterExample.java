package io.troupe.examples;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.routing.FromConfig;
import io.troupe.routing.GetRoutees;
import io.troupe.routing.RoundRobinPool;
import io.troupe.routing.Routees;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Routers with remote destinations, three nodes in one process: a pool whose routees are deployed round robin on two
 * worker nodes (from config with {@code target.nodes}, and from code with {@link RemoteRouterConfig}), a group that
 * routes to actors that already exist on a worker node, and a pool deployed as a whole onto a worker node, router and
 * routees there (from config with {@code remote}, and from code with a {@link RemoteScope}).
 */
public final class RemoteRouterExample {
  private RemoteRouterExample() {}

  public static void main(String[] args) throws Exception {
    ActorSystem w1 = ActorSystem.create("w1", RemoteDeployExample.config(""));
    ActorSystem w2 = ActorSystem.create("w2", RemoteDeployExample.config(""));
    Address a1 = ((ExtendedActorSystem) w1).provider().getDefaultAddress();
    Address a2 = ((ExtendedActorSystem) w2).provider().getDefaultAddress();
    w1.actorOf(Props.create(RemoteDeployExample.Counter.class), "existing");
    ActorSystem app = ActorSystem.create("app", RemoteDeployExample.config("troupe.actor.deployment {\n"
        + "  /pool { router = round-robin-pool, nr-of-instances = 4, target.nodes = [\"" + a1 + "\", \"" + a2 + "\"] }\n"
        + "  /group { router = round-robin-group, routees.paths = [\"" + a1 + "/user/existing\"] }\n"
        + "  /farPool { router = round-robin-pool, nr-of-instances = 2, remote = \"" + a2 + "\" }\n}"));
    Duration t = Duration.ofSeconds(5);
    try {
      ActorRef pool = app.actorOf(FromConfig.getInstance().props(Props.create(RemoteDeployExample.Counter.class)), "pool");
      for (int i = 0; i < 4; i++) System.out.println("pool (config) routee: " + RemoteDeployExample.ask(pool, "where", t));
      ActorRef codePool = app.actorOf(new RemoteRouterConfig(new RoundRobinPool(2), List.of(a1, a2))
          .props(Props.create(RemoteDeployExample.Counter.class)), "codePool");
      for (int i = 0; i < 2; i++) System.out.println("pool (code) routee:   " + RemoteDeployExample.ask(codePool, "where", t));
      ActorRef group = app.actorOf(FromConfig.getInstance().props(), "group");
      System.out.println("group routee:         " + RemoteDeployExample.ask(group, "where", t));
      // the router itself on another node: its routees are created there, and messages are routed there
      ActorRef farPool = app.actorOf(FromConfig.getInstance().props(Props.create(RemoteDeployExample.Counter.class)), "farPool");
      for (int i = 0; i < 2; i++) System.out.println("far pool (config):    " + RemoteDeployExample.ask(farPool, "where", t));
      ActorRef farCode = app.actorOf(new RoundRobinPool(3).props(Props.create(RemoteDeployExample.Counter.class))
          .withDeploy(new Deploy(new RemoteScope(a1))), "farCode");
      Routees routees = (Routees) RemoteDeployExample.ask(farCode, GetRoutees.getInstance(), t);
      System.out.println("far pool (code):      " + farCode.path() + " with " + routees.getRoutees().size() + " routees");
    } finally {
      app.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
      w1.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
      w2.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}

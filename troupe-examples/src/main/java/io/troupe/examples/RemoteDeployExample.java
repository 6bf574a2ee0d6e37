package io.troupe.examples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.pattern.Patterns;
import io.troupe.remote.RemoteScope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Remote deployment with two nodes in one process: the "app" node creates a child on the "workers" node, once from
 * config and once from code, and supervises it there (a failure restarts it, so its counter starts again).
 */
public final class RemoteDeployExample {
  private RemoteDeployExample() {}

  static Config config(String extra) {
    return ConfigFactory.parseString(extra + "\ntroupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.hostname = 127.0.0.1\ntroupe.remote.artery.canonical.port = 0\n"
        + "troupe.remote.log-remote-lifecycle-events = off\n").withFallback(ConfigFactory.load());
  }

  /** Counts, says where it runs, fails on "fail". */
  public static final class Counter extends AbstractActor {
    private int n;

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("where", m -> getSender().tell(getContext().getSystem().name() + " at " + getSelf().path(), getSelf()))
          .matchEquals("inc", m -> getSender().tell(++n, getSelf()))
          .matchEquals("fail", m -> { throw new IllegalStateException("asked to fail"); })
          .build();
    }
  }

  /** Creates its Counter child on the node it is given and restarts it on failure. */
  public static final class Supervisor extends AbstractActor {
    private final ActorRef child;

    public Supervisor(Address node) {
      child = getContext().actorOf(Props.create(Counter.class).withDeploy(new Deploy(new RemoteScope(node))), "counter");
    }

    @Override
    public SupervisorStrategy supervisorStrategy() {
      return new OneForOneStrategy(DeciderBuilder.matchAny(e -> SupervisorStrategy.restart()).build());
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> child.forward(m, getContext())).build();
    }
  }

  public static void main(String[] args) throws Exception {
    ActorSystem workers = ActorSystem.create("workers", config("troupe.remote.deployment { enable-allow-list = on\n"
        + "allowed-actor-classes = [\"" + Counter.class.getName() + "\"] }"));
    Address workersAddress = ((ExtendedActorSystem) workers).provider().getDefaultAddress();
    ActorSystem app = ActorSystem.create("app", config(
        "troupe.actor.deployment { /fromConfig { remote = \"" + workersAddress + "\" } }"));
    Duration t = Duration.ofSeconds(5);
    try {
      ActorRef fromConfig = app.actorOf(Props.create(Counter.class), "fromConfig");
      System.out.println("from config: " + ask(fromConfig, "where", t));

      ActorRef supervisor = app.actorOf(Props.create(Supervisor.class, workersAddress), "supervisor");
      System.out.println("from code:   " + ask(supervisor, "where", t));
      System.out.println("inc -> " + ask(supervisor, "inc", t) + ", inc -> " + ask(supervisor, "inc", t));
      supervisor.tell("fail", ActorRef.noSender());
      System.out.println("after a remote failure and restart: inc -> " + ask(supervisor, "inc", t));
    } finally {
      app.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
      workers.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static Object ask(ActorRef ref, Object msg, Duration t) throws Exception {
    return Patterns.ask(ref, msg, t).toCompletableFuture().get(t.toMillis() * 2, TimeUnit.MILLISECONDS);
  }
}

package io.troupe.interop;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.Props;
import io.troupe.actor.Terminated;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemotingCounters;
import io.troupe.remote.UniqueAddress;
import io.troupe.testkit.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Troupe node speaking protocol {@code pekko} on 127.0.0.1, in this JVM ({@link #start}) or in its own ({@link
 * #main}, driven by {@link NodeCommands}), with an {@code echo} actor at {@code /user/echo}.
 */
public final class TroupeNode implements AutoCloseable {
  public final ActorSystem system;

  private TroupeNode(ActorSystem system) { this.system = system; }

  /** The HOCON of a Troupe node that a Pekko node accepts as a peer. */
  public static String config(int port, String extra) {
    return extra + "\n"
        + "troupe {\n"
        + "  actor.provider = remote\n"
        + "  actor.serialization-bindings { \"io.troupe.interop.JsonMessage\" = jackson-json }\n"
        + "  remote.protocol-name = pekko\n"
        + "  remote.accept-protocol-names = [pekko]\n"
        + "  remote.log-remote-lifecycle-events = off\n"
        + "  remote.artery.canonical.hostname = \"127.0.0.1\"\n"
        + "  remote.artery.canonical.port = " + port + "\n"
        + "}\n";
  }

  public static TroupeNode start(String name, int port, String extra) {
    ActorSystem system = ActorSystem.create(name, ConfigFactory.parseString(config(port, extra)).withFallback(ConfigFactory.load()));
    system.actorOf(Props.create(Echo.class), "echo");
    return new TroupeNode(system);
  }

  public UniqueAddress uniqueAddress() {
    return ((RemoteActorRefProvider) ((ExtendedActorSystem) system).provider()).localUniqueAddress();
  }

  public String address() { return uniqueAddress().address().toString(); }

  public int port() { return uniqueAddress().address().getPort().orElseThrow(); }

  public RemotingCounters counters() { return RemotingCounters.get(system); }

  /** A ref to a full actor path (e.g. a Pekko actor's), resolved by Troupe's provider. */
  public ActorRef resolve(String path) {
    return ((ExtendedActorSystem) system).provider().resolveActorRef(path);
  }

  public ActorRef resolveOne(String path, Duration max) {
    try {
      return system.actorSelection(path).resolveOne(max).toCompletableFuture().get(max.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("Troupe could not resolve [" + path + "]: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      system.terminate().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Troupe node " + system.name() + " did not terminate", e);
    }
  }

  /** Answers every message to its sender. */
  public static final class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  /** {@code TroupeNode <system> <port> [extra HOCON]}: a node in its own JVM, see {@link NodeCommands}. */
  public static void main(String[] args) throws Exception {
    TroupeNode node = start(args[0], Integer.parseInt(args[1]), args.length > 2 ? args[2] : "");
    NodeCommands.run(node.address(), node.uniqueAddress().uid(), new NodeCommands.Node() {
      @Override
      public void watch(String path, Runnable onWatching, Runnable onTerminated) {
        ActorRef target = node.resolveOne(path, Duration.ofSeconds(10));
        node.system.actorOf(Props.create(Watcher.class, target, onWatching, onTerminated));
      }

      @Override
      public void stopEcho() {
        node.system.actorSelection("/user/echo").tell(PoisonPill.getInstance(), ActorRef.noSender());
      }

      @Override
      public void awaitHeartbeats(int n) {
        Await.until("heartbeats answered", Duration.ofSeconds(30), () -> node.counters().get(RemotingCounters.Counter.HEARTBEATS_ANSWERED) >= n);
      }

      @Override
      public void terminate() { node.close(); }
    });
  }

  /** Watches one ref and runs a callback on its Terminated. */
  public static final class Watcher extends AbstractActor {
    private final Runnable onTerminated;

    public Watcher(ActorRef target, Runnable onWatching, Runnable onTerminated) {
      this.onTerminated = onTerminated;
      getContext().watch(target);
      onWatching.run();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(Terminated.class, t -> onTerminated.run()).build();
    }
  }
}

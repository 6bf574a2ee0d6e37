package io.troupe.interop;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.remote.AddressUidExtension;

/**
 * A real Apache Pekko 1.7.0 node with Artery TCP on loopback, configured as the wire spec's section 13 says, in this
 * JVM ({@link #start}) or in its own ({@link #main}, driven by {@link NodeCommands}). It has an {@code echo} actor at
 * {@code /user/echo} that answers every message to its sender.
 */
public final class PekkoNode implements AutoCloseable {
  public final ActorSystem system;

  private PekkoNode(ActorSystem system) { this.system = system; }

  /** The HOCON of a Pekko peer on 127.0.0.1:{@code port} (0: any free port), with {@code extra} on top. */
  public static String config(int port, String extra) {
    return extra + "\n"
        + "pekko {\n"
        + "  loglevel = WARNING\n"
        + "  stdout-loglevel = WARNING\n"
        + "  actor.provider = remote\n"
        + "  actor.serialization-bindings { \"io.troupe.interop.JsonMessage\" = jackson-json }\n"
        + "  remote.warn-about-direct-use = off\n"
        + "  remote.use-unsafe-remote-features-outside-cluster = on\n"
        + "  remote.warn-unsafe-watch-outside-cluster = off\n"
        + "  remote.artery.canonical.hostname = \"127.0.0.1\"\n"
        + "  remote.artery.canonical.port = " + port + "\n"
        + "  coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
        + "}\n";
  }

  public static PekkoNode start(String name, int port, String extra) {
    ActorSystem system = ActorSystem.create(name, ConfigFactory.parseString(config(port, extra)).withFallback(ConfigFactory.load()));
    system.actorOf(Props.create(Echo.class), "echo");
    return new PekkoNode(system);
  }

  /** {@code pekko://Name@127.0.0.1:port}. */
  public String address() {
    return ((ExtendedActorSystem) system).provider().getDefaultAddress().toString();
  }

  public int port() {
    return ((ExtendedActorSystem) system).provider().getDefaultAddress().getPort().get();
  }

  public long uid() {
    return AddressUidExtension.get(system).longAddressUid();
  }

  public PekkoProbe probe() { return new PekkoProbe(system); }

  /** A ref to {@code path} (a full actor path, e.g. a Troupe actor's) resolved by Pekko's provider. */
  public ActorRef resolve(String path) {
    return ((ExtendedActorSystem) system).provider().resolveActorRef(path);
  }

  /** Resolves {@code path} through an actor selection with {@code resolveOne}, as a user would. */
  public ActorRef resolveOne(String path, Duration max) {
    try {
      return system.actorSelection(path).resolveOne(max).toCompletableFuture().get(max.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("Pekko could not resolve [" + path + "]: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Pekko node " + system.name() + " did not terminate", e);
    }
  }

  /** Answers every message to its sender. */
  public static final class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  /** {@code PekkoNode <system> <port> [extra HOCON]}: a node in its own JVM, see {@link NodeCommands}. */
  public static void main(String[] args) throws Exception {
    PekkoNode node = start(args[0], Integer.parseInt(args[1]), args.length > 2 ? args[2] : "");
    NodeCommands.run(node.address(), node.uid(), new NodeCommands.Node() {
      @Override
      public void watch(String path, Runnable onWatching, Runnable onTerminated) {
        ActorRef target = node.resolveOne(path, Duration.ofSeconds(10));
        node.system.actorOf(Props.create(Watcher.class, () -> new Watcher(target, onWatching, onTerminated)));
      }

      @Override
      public void stopEcho() {
        node.system.actorSelection("/user/echo").tell(org.apache.pekko.actor.PoisonPill.getInstance(), ActorRef.noSender());
      }

      @Override
      public void terminate() { node.close(); }
    });
  }

  /** Watches one ref and runs a callback on its Terminated. */
  static final class Watcher extends AbstractActor {
    private final Runnable onTerminated;

    Watcher(ActorRef target, Runnable onWatching, Runnable onTerminated) {
      this.onTerminated = onTerminated;
      getContext().watch(target);
      onWatching.run();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(org.apache.pekko.actor.Terminated.class, t -> onTerminated.run()).build();
    }
  }
}

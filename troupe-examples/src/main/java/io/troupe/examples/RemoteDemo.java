package io.troupe.examples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Identify;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.Props;
import io.troupe.actor.Terminated;
import io.troupe.pattern.Patterns;
import io.troupe.remote.AssociatedEvent;
import io.troupe.remote.RemotingCounters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The main demo: two JVMs on this machine. This process starts a "backend" node in a second JVM, then runs a
 * "frontend" node that finds the backend's greeter by actorSelection, exchanges messages, asks, watches it stop, and
 * prints what happened with both nodes' drop counters. Run with {@code ./troupe demo}.
 */
public final class RemoteDemo {
  private RemoteDemo() {}

  static Config config(int port) {
    return ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.hostname = 127.0.0.1\n"
        + "troupe.remote.artery.canonical.port = " + port + "\n"
        + "troupe.remote.log-remote-lifecycle-events = off\n").withFallback(ConfigFactory.load());
  }

  /** Greets, counts greetings, answers "count" and stops on "stop". */
  public static final class Greeter extends AbstractActor {
    private int greeted;

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("count", m -> getSender().tell(greeted, getSelf()))
          .matchEquals("stop", m -> getContext().stop(getSelf()))
          .match(String.class, name -> {
            greeted++;
            getSender().tell("Hello, " + name + " (from " + getSelf().path().address() + ")", getSelf());
          })
          .build();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("backend")) {
      backend();
    } else {
      frontend();
    }
  }

  private static void backend() throws Exception {
    ActorSystem system = ActorSystem.create("backend", config(0));
    system.actorOf(Props.create(Greeter.class), "greeter");
    System.out.println("READY " + ((io.troupe.actor.ExtendedActorSystem) system).provider().getDefaultAddress());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (true) {
      String line = in.readLine();
      if (line == null || line.equals("stop")) break;
    }
    System.out.println("backend counters: " + RemotingCounters.get(system));
    system.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
    System.out.println("backend terminated");
  }

  private static void frontend() throws Exception {
    Process backend = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"), RemoteDemo.class.getName(), "backend")
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(backend.getInputStream(), StandardCharsets.UTF_8));
    String address = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (address == null && System.nanoTime() < deadline) {
      String line = out.readLine();
      if (line == null) throw new IllegalStateException("the backend JVM ended before it was ready");
      if (line.startsWith("READY ")) address = line.substring(6).trim();
      else System.out.println("[backend] " + line);
    }
    if (address == null) throw new IllegalStateException("the backend JVM was not ready within 30 s");
    Thread pump = startPump(out);
    System.out.println("[frontend] backend JVM (pid " + backend.pid() + ") is at " + address);

    ActorSystem system = ActorSystem.create("frontend", config(0));
    try {
      ActorRef events = system.actorOf(Props.create(EventPrinter.class), "events");
      system.eventStream().subscribe(events, AssociatedEvent.class);
      ActorRef greeter = system.actorSelection(address + "/user/greeter").resolveOne(Duration.ofSeconds(10))
          .toCompletableFuture().get(15, TimeUnit.SECONDS);
      System.out.println("[frontend] found " + greeter + " by actorSelection + resolveOne");

      for (String name : List.of("Ada", "Grace", "Edsger")) {
        Object reply = Patterns.ask(greeter, name, Duration.ofSeconds(5)).toCompletableFuture().get(6, TimeUnit.SECONDS);
        System.out.println("[frontend] ask(" + name + ") -> " + reply);
      }
      ActorIdentity id = (ActorIdentity) Patterns.ask(system.actorSelection(address + "/user/*"), new Identify("who"),
          Duration.ofSeconds(5)).toCompletableFuture().get(6, TimeUnit.SECONDS);
      System.out.println("[frontend] Identify(\"who\") via wildcard selection -> " + id);
      System.out.println("[frontend] greeted so far: " + Patterns.ask(greeter, "count", Duration.ofSeconds(5))
          .toCompletableFuture().get(6, TimeUnit.SECONDS));

      CompletableFuture<Terminated> died = new CompletableFuture<>();
      system.actorOf(Props.create(Watcher.class, greeter, died), "watcher");
      greeter.tell("stop", ActorRef.noSender());
      Terminated t = died.get(10, TimeUnit.SECONDS);
      System.out.println("[frontend] watched remote actor stopped: " + t);
      System.out.println("[frontend] frontend counters: " + RemotingCounters.get(system));
    } finally {
      backend.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
      backend.getOutputStream().flush();
      if (!backend.waitFor(15, TimeUnit.SECONDS)) backend.destroyForcibly();
      pump.join(5000);
      system.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
      System.out.println("[frontend] terminated; backend exited with " + backend.exitValue());
    }
  }

  private static Thread startPump(BufferedReader out) {
    Thread t = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) System.out.println("[backend] " + line);
      } catch (java.io.IOException ignored) {
        // backend ended
      }
    }, "backend-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Prints remoting lifecycle events. */
  public static final class EventPrinter extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(e -> System.out.println("[frontend] event: " + e)).build();
    }
  }

  /** Watches one actor and completes a future with its Terminated. */
  public static final class Watcher extends AbstractActor {
    private final CompletableFuture<Terminated> died;

    public Watcher(ActorRef target, CompletableFuture<Terminated> died) {
      this.died = died;
      getContext().watch(target);
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(Terminated.class, died::complete).build();
    }
  }
}

package io.troupe.remote.multijvm;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.UniqueAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A node for multi-JVM tests: {@code EchoNode <system> <port> [extra HOCON]} starts a remote-enabled system with an
 * {@code echo} actor, prints {@code READY <address> <uid>}; on the stdin line {@code stop-echo} stops the echo actor,
 * on {@code stop} terminates the system and prints {@code STOPPED}.
 */
public final class EchoNode {
  private EchoNode() {}

  public static class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  public static void main(String[] args) throws Exception {
    String extra = args.length > 2 ? args[2] : "";
    ActorSystem system = ActorSystem.create(args[0], ConfigFactory.parseString(extra
        + "\ntroupe.actor.provider = remote\ntroupe.remote.artery.canonical.hostname = 127.0.0.1\n"
        + "troupe.remote.artery.canonical.port = " + args[1] + "\n").withFallback(ConfigFactory.load()));
    io.troupe.actor.ActorRef echo = system.actorOf(Props.create(Echo.class), "echo");
    UniqueAddress ua = ((RemoteActorRefProvider) ((ExtendedActorSystem) system).provider()).localUniqueAddress();
    System.out.println("READY " + ua.address() + " " + ua.uid());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("stop")) break;
      if (line.equals("stop-echo")) {
        system.stop(echo);
        System.out.println("ECHO-STOPPED");
        System.out.flush();
      }
    }
    system.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
    System.out.println("STOPPED");
    System.out.flush();
  }
}

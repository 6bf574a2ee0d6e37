package io.troupe.remote.multijvm;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AddressFromURIString;
import io.troupe.actor.Deploy;
import io.troupe.actor.Props;
import io.troupe.remote.RemoteDeploymentTest;
import io.troupe.remote.RemoteScope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A node for multi-JVM tests: {@code DeployingNode <system> <target address>} starts a remote-enabled system, deploys a
 * {@link RemoteDeploymentTest.Worker} named {@code deployed} onto the target node and prints {@code DEPLOYED <path>};
 * then waits for {@code stop} on stdin (or to be killed).
 */
public final class DeployingNode {
  private DeployingNode() {}

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create(args[0], ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.hostname = 127.0.0.1\ntroupe.remote.artery.canonical.port = 0\n")
        .withFallback(ConfigFactory.load()));
    ActorRef child = system.actorOf(Props.create(RemoteDeploymentTest.Worker.class)
        .withDeploy(new Deploy(new RemoteScope(AddressFromURIString.parse(args[1])))), "deployed");
    System.out.println("DEPLOYED " + child.path().toSerializationFormat());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("stop")) break;
    }
    system.terminate().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}

package io.troupe.remote.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AddressFromURIString;
import io.troupe.actor.Deploy;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.actor.Terminated;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemoteDeploymentTest;
import io.troupe.remote.RemoteScope;
import io.troupe.remote.RemoteSystemDaemon;
import io.troupe.testkit.javadsl.TestKit;
import io.troupe.testkit.multijvm.JvmNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Remote deployment when a JVM dies: the deploying node's death stops the children it deployed elsewhere, and the
 * death of the node hosting a child reaches the child's local parent (it leaves the parent's children) and watchers.
 */
class RemoteDeploymentMultiJvmIT {
  private ActorSystem local;
  private JvmNode other;

  private void startLocal(String name) {
    local = ActorSystem.create(name, ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.port = 0\ntroupe.remote.log-remote-lifecycle-events = off\n"
        + "troupe.remote.watch-failure-detector.acceptable-heartbeat-pause = 3s\n"));
  }

  @AfterEach
  void stop() {
    if (other != null) other.close();
    if (local != null) TestKit.shutdownActorSystem(local);
  }

  private String localAddress() {
    return ((ExtendedActorSystem) local).provider().getDefaultAddress().toString();
  }

  @Test
  void childrenStopWhenTheDeployingJvmIsKilled() {
    startLocal("B");
    TestKit probe = new TestKit(local);
    other = JvmNode.start("A", DeployingNode.class, "A", localAddress());
    String path = other.awaitPrefix("DEPLOYED", Duration.ofSeconds(30));
    RemoteSystemDaemon daemon = ((RemoteActorRefProvider) ((ExtendedActorSystem) local).provider()).remoteDaemon();
    probe.awaitCond(Duration.ofSeconds(20), () -> daemon.deployedChildren().size() == 1);
    ActorRef child = daemon.deployedChildren().get(0);
    assertEquals(path.substring(path.indexOf("/remote/")), child.path().toSerializationFormat()
        .substring(child.path().toSerializationFormat().indexOf("/remote/")));
    probe.watch(child);
    // let the daemon's watch of the parent (and its heartbeats) establish, as in a running system
    probe.expectNoMessage(Duration.ofSeconds(3));
    long t0 = System.nanoTime();
    other.kill();
    probe.expectTerminated(Duration.ofSeconds(40), child);
    System.out.println("deploying JVM killed -> remote-deployed child stopped after "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertTrue(daemon.deployedChildren().isEmpty());
  }

  @Test
  void parentLearnsWhenTheHostingJvmIsKilled() {
    startLocal("A");
    TestKit probe = new TestKit(local);
    other = JvmNode.start("B", EchoNode.class, "B", "0");
    String address = other.awaitPrefix("READY", Duration.ofSeconds(30)).split(" ")[0];
    ActorRef parent = local.actorOf(Props.create(RemoteDeploymentTest.Parent.class, probe.getRef()), "parent");
    Props props = Props.create(RemoteDeploymentTest.Worker.class)
        .withDeploy(new Deploy(new RemoteScope(AddressFromURIString.parse(address))));
    parent.tell(RemoteDeploymentTest.createMessage(props, "child"), probe.getRef());
    ActorRef child = probe.expectMsgClass(Duration.ofSeconds(20), ActorRef.class);
    child.tell("where", probe.getRef());
    assertTrue(probe.expectMsgClass(Duration.ofSeconds(20), String.class).startsWith("B "));
    probe.watch(child);
    probe.expectNoMessage(Duration.ofSeconds(3));
    long t0 = System.nanoTime();
    other.kill();
    Terminated t = probe.expectTerminated(Duration.ofSeconds(40), child);
    System.out.println("hosting JVM killed -> Terminated after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertTrue(t.getAddressTerminated());
    probe.awaitCond(Duration.ofSeconds(10), () -> {
      parent.tell("children", probe.getRef());
      return probe.expectMsgClass(Duration.ofSeconds(5), Integer.class) == 0;
    });
  }
}

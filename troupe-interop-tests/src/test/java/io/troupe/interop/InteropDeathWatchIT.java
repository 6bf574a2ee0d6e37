package io.troupe.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Props;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.testkit.Await;
import io.troupe.testkit.javadsl.TestKit;
import io.troupe.testkit.multijvm.JvmNode;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Remote death watch between Troupe and Pekko, both ways: a graceful stop, a terminated actor system and a killed JVM
 * each give exactly one {@code Terminated} on the other side. The killed side runs in its own JVM.
 */
class InteropDeathWatchIT extends InteropFixture {
  static final Duration MAX = Duration.ofSeconds(30);
  /** Short failure-detector pauses on both sides, so a killed node is noticed in seconds. */
  static final String PEKKO_FD = "pekko.remote.watch-failure-detector.acceptable-heartbeat-pause = 3s\n";
  static final String TROUPE_FD = "troupe.remote.watch-failure-detector.acceptable-heartbeat-pause = 3s\n";


  // ------------------------------------------------------------------ Troupe watches Pekko

  @Test
  void troupeWatchesAPekkoActorThatStops() {
    pekko = PekkoNode.start("PekkoPeer", 0, PEKKO_FD);
    troupe = TroupeNode.start("TroupePeer", 0, TROUPE_FD);
    pekko.system.actorOf(org.apache.pekko.actor.Props.create(PekkoNode.Echo.class), "doomed");
    ActorRef doomed = troupe.resolveOne(pekko.address() + "/user/doomed", MAX);
    TestKit probe = new TestKit(troupe.system);
    probe.watch(doomed);
    awaitWatchAcknowledged(probe, doomed);
    pekko.system.actorSelection("/user/doomed").tell(org.apache.pekko.actor.PoisonPill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
    expectOneTerminated(probe, doomed);
  }

  @Test
  void troupeWatchesAPekkoSystemThatTerminates() {
    pekko = PekkoNode.start("PekkoPeer", 0, PEKKO_FD);
    troupe = TroupeNode.start("TroupePeer", 0, TROUPE_FD);
    ActorRef echo = troupe.resolveOne(pekko.address() + "/user/echo", MAX);
    TestKit probe = new TestKit(troupe.system);
    probe.watch(echo);
    awaitWatchAcknowledged(probe, echo);
    pekko.close();
    pekko = null;
    expectOneTerminated(probe, echo);
  }

  @Test
  void troupeWatchesAKilledPekkoJvm() {
    troupe = TroupeNode.start("TroupePeer", 0, TROUPE_FD);
    child = JvmNode.start("pekko", PekkoNode.class, "PekkoPeer", "0", PEKKO_FD);
    String address = child.awaitPrefix("READY", MAX).split(" ")[0];
    ActorRef echo = troupe.resolveOne(address + "/user/echo", MAX);
    TestKit probe = new TestKit(troupe.system);
    probe.watch(echo);
    // the failure detector starts with the first heartbeat response: kill only after Pekko answered one
    long before = troupe.counters().get(Counter.HEARTBEAT_RESPONSES_RECEIVED);
    Await.until("a heartbeat response from the Pekko JVM", MAX, () -> troupe.counters().get(Counter.HEARTBEAT_RESPONSES_RECEIVED) > before);
    child.kill();
    expectOneTerminated(probe, echo);
  }

  // ------------------------------------------------------------------ Pekko watches Troupe

  @Test
  void pekkoWatchesATroupeActorThatStops() {
    pekko = PekkoNode.start("PekkoPeer", 0, PEKKO_FD);
    troupe = TroupeNode.start("TroupePeer", 0, TROUPE_FD);
    ActorRef doomed = troupe.system.actorOf(Props.create(TroupeNode.Echo.class), "doomed");
    org.apache.pekko.actor.ActorRef remote = pekko.resolveOne(troupe.address() + "/user/doomed", MAX);
    PekkoProbe probe = pekkoWatches(remote);
    Await.until("Pekko's Watch reached Troupe", MAX, () -> troupe.counters().get(Counter.HEARTBEATS_ANSWERED) > 0);
    troupe.system.stop(doomed);
    expectOneTerminated(probe, remote);
  }

  @Test
  void pekkoWatchesATroupeSystemThatTerminates() {
    pekko = PekkoNode.start("PekkoPeer", 0, PEKKO_FD);
    troupe = TroupeNode.start("TroupePeer", 0, TROUPE_FD);
    org.apache.pekko.actor.ActorRef remote = pekko.resolveOne(troupe.address() + "/user/echo", MAX);
    PekkoProbe probe = pekkoWatches(remote);
    Await.until("Pekko heartbeats Troupe", MAX, () -> troupe.counters().get(Counter.HEARTBEATS_ANSWERED) > 0);
    troupe.close();
    troupe = null;
    expectOneTerminated(probe, remote);
  }

  @Test
  void pekkoWatchesAKilledTroupeJvm() {
    pekko = PekkoNode.start("PekkoPeer", 0, PEKKO_FD);
    child = JvmNode.start("troupe", TroupeNode.class, "TroupePeer", "0", TROUPE_FD);
    String address = child.awaitPrefix("READY", MAX).split(" ")[0];
    org.apache.pekko.actor.ActorRef remote = pekko.resolveOne(address + "/user/echo", MAX);
    PekkoProbe probe = pekkoWatches(remote);
    // two answered heartbeats a second apart: the first answer has reached Pekko, so its failure detector is running
    child.send("await-heartbeats 2");
    child.awaitPrefix("HEARTBEATS", MAX);
    child.kill();
    expectOneTerminated(probe, remote);
  }

  // ------------------------------------------------------------------ helpers

  /** A Pekko probe watching {@code remote}. */
  private PekkoProbe pekkoWatches(org.apache.pekko.actor.ActorRef remote) {
    PekkoProbe probe = pekko.probe();
    probe.ref.tell(new PekkoProbe.Watch(remote), org.apache.pekko.actor.ActorRef.noSender());
    probe.expectMsg("watching", MAX);
    return probe;
  }

  /** Troupe's watch is a system message; the heartbeats that follow it show the Pekko side has the watch. */
  private void awaitWatchAcknowledged(TestKit probe, ActorRef target) {
    long before = troupe.counters().get(Counter.HEARTBEAT_RESPONSES_RECEIVED);
    Await.until("Pekko answers Troupe's heartbeats for " + target, MAX, () -> troupe.counters().get(Counter.HEARTBEAT_RESPONSES_RECEIVED) > before);
  }

  private static void expectOneTerminated(TestKit probe, ActorRef target) {
    probe.expectTerminated(MAX, target);
    probe.expectNoMessage(Duration.ofSeconds(1));
  }

  private static void expectOneTerminated(PekkoProbe probe, org.apache.pekko.actor.ActorRef target) {
    org.apache.pekko.actor.Terminated t = probe.expectMsgClass(org.apache.pekko.actor.Terminated.class, MAX);
    assertEquals(target, t.getActor());
    probe.expectNoMessage(Duration.ofSeconds(1));
  }
}

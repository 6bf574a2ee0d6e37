package io.troupe.remote.multijvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Terminated;
import io.troupe.testkit.javadsl.TestKit;
import io.troupe.testkit.multijvm.JvmNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Remote death watch with the watched node in another JVM: one Terminated per watch when the actor stops, when its
 * system terminates, when its JVM is killed, and when it is frozen longer than the acceptable heartbeat pause; none
 * when it is frozen for less. Times from the fault to Terminated are printed, not asserted.
 */
class RemoteDeathWatchMultiJvmIT {
  private ActorSystem a;
  private JvmNode b;

  private void startA(String pause) {
    a = ActorSystem.create("A", ConfigFactory.parseString("troupe.actor.provider = remote\n"
        + "troupe.remote.artery.canonical.port = 0\ntroupe.remote.log-remote-lifecycle-events = off\n"
        + (pause == null ? "" : "troupe.remote.watch-failure-detector.acceptable-heartbeat-pause = " + pause + "\n")));
  }

  private ActorRef startBAndWatchEcho(TestKit probe) {
    b = JvmNode.start("B", EchoNode.class, "B", "0");
    String address = b.awaitPrefix("READY", Duration.ofSeconds(30)).split(" ")[0];
    ActorRef echo = ((ExtendedActorSystem) a).provider().resolveActorRef(address + "/user/echo");
    echo.tell("ping", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(20), "ping");
    io.troupe.remote.artery.Association assoc = ((io.troupe.remote.RemoteActorRefProvider) ((ExtendedActorSystem) a)
        .provider()).remoting().association(echo.path().address());
    long acked = assoc.systemMessagesAcked();
    probe.watch(echo);
    // the watch travels on the control connection: wait until B acknowledged it, so that B knows the watcher
    io.troupe.testkit.Await.until("B acknowledged the watch", Duration.ofSeconds(10), () -> assoc.systemMessagesAcked() > acked);
    // as in a running system, let heartbeats flow for a while so the detector has a history (about 3 s)
    io.troupe.remote.RemotingCounters counters = io.troupe.remote.RemotingCounters.get(a);
    long hb = counters.get(io.troupe.remote.RemotingCounters.Counter.HEARTBEAT_RESPONSES_RECEIVED);
    io.troupe.testkit.Await.until("three heartbeat responses", Duration.ofSeconds(15),
        () -> counters.get(io.troupe.remote.RemotingCounters.Counter.HEARTBEAT_RESPONSES_RECEIVED) >= hb + 3);
    return echo;
  }

  @AfterEach
  void stop() {
    if (b != null) b.close();
    if (a != null) TestKit.shutdownActorSystem(a);
  }

  @Test
  void shouldTerminateOnceWhenTheWatchedActorStops() {
    startA("3s");
    TestKit probe = new TestKit(a);
    ActorRef echo = startBAndWatchEcho(probe);
    b.send("stop-echo");
    Terminated t = probe.expectTerminated(Duration.ofSeconds(10), echo);
    assertTrue(t.getExistenceConfirmed());
    assertFalse(t.getAddressTerminated());
    probe.expectNoMessage(Duration.ofSeconds(2));
  }

  @Test
  void shouldTerminateOnceWhenTheWatchedSystemTerminates() {
    startA("3s");
    TestKit probe = new TestKit(a);
    ActorRef echo = startBAndWatchEcho(probe);
    long t0 = System.nanoTime();
    b.send("stop");
    probe.expectTerminated(Duration.ofSeconds(10), echo);
    System.out.println("graceful system terminate -> Terminated after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    b.waitFor(Duration.ofSeconds(20));
    probe.expectNoMessage(Duration.ofSeconds(2));
  }

  @Test
  void shouldTerminateOnceWhenTheWatchedJvmIsKilled() {
    startA("3s");
    TestKit probe = new TestKit(a);
    ActorRef echo = startBAndWatchEcho(probe);
    long t0 = System.nanoTime();
    b.kill();
    Terminated t = probe.expectTerminated(Duration.ofSeconds(30), echo);
    System.out.println("SIGKILL -> Terminated after " + (System.nanoTime() - t0) / 1_000_000
        + " ms (acceptable-heartbeat-pause = 3s)");
    assertTrue(t.getAddressTerminated());
    probe.expectNoMessage(Duration.ofSeconds(2));
  }

  @Test
  void shouldTerminateOnceWithDefaultSettingsWhenTheWatchedJvmIsKilled() {
    startA(null);
    TestKit probe = new TestKit(a);
    ActorRef echo = startBAndWatchEcho(probe);
    long t0 = System.nanoTime();
    b.kill();
    Terminated t = probe.expectTerminated(Duration.ofSeconds(40), echo);
    System.out.println("SIGKILL -> Terminated after " + (System.nanoTime() - t0) / 1_000_000 + " ms (default settings)");
    assertTrue(t.getAddressTerminated());
    probe.expectNoMessage(Duration.ofSeconds(1));
  }

  @Test
  void shouldSurviveAFreezeShorterThanTheAcceptablePauseAndDetectALongerOne() {
    startA("4s");
    TestKit probe = new TestKit(a);
    ActorRef echo = startBAndWatchEcho(probe);
    b.freeze();
    probe.expectNoMessage(Duration.ofSeconds(2)); // a 2 s freeze, well inside heartbeat-interval + 4 s
    b.thaw();
    echo.tell("alive", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "alive");
    long t0 = System.nanoTime();
    b.freeze();
    Terminated t = probe.expectTerminated(Duration.ofSeconds(30), echo);
    System.out.println("SIGSTOP -> Terminated after " + (System.nanoTime() - t0) / 1_000_000 + " ms (acceptable-heartbeat-pause = 4s)");
    assertTrue(t.getAddressTerminated());
    b.thaw();
    probe.expectNoMessage(Duration.ofSeconds(2));
  }
}

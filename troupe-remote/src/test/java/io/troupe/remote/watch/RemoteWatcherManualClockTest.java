package io.troupe.remote.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Identify;
import io.troupe.actor.Props;
import io.troupe.actor.Terminated;
import io.troupe.remote.PhiAccrualFailureDetector;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemoteMessagingTestSupport;
import io.troupe.remote.RemotingCounters;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.artery.Association;
import io.troupe.testkit.Await;
import io.troupe.testkit.ManualScheduler;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remote watcher's heartbeats, reaper and failure detector on a manual clock: the watching node's scheduler and
 * detector clock only move when the test advances them, so the moment the watched node is declared unreachable is
 * checked against the phi formula tick by tick. The transport runs for real over loopback.
 */
class RemoteWatcherManualClockTest {
  private static final double THRESHOLD = 10.0;
  private static final long PAUSE_MS = 3000;
  private ActorSystem a;
  private ActorSystem b;

  @AfterEach
  void stop() {
    if (a != null) TestKit.shutdownActorSystem(a);
    if (b != null) TestKit.shutdownActorSystem(b);
  }

  private ManualScheduler clock() {
    return (ManualScheduler) a.scheduler();
  }

  /** Advances A's clock by one second and waits until A's remote watcher processed the ticks that fell due. */
  private void tick(TestKit barrier, ActorRef remoteWatcher) {
    clock().advance(Duration.ofSeconds(1));
    remoteWatcher.tell(new Identify("barrier"), barrier.getRef());
    barrier.expectMsgClass(Duration.ofSeconds(10), ActorIdentity.class);
  }

  @Test
  void shouldDeclareTheNodeUnreachableExactlyWherePhiCrossesTheThreshold() {
    a = ActorSystem.create("A", ConfigFactory.parseString(
        "troupe.scheduler.implementation = " + ManualScheduler.class.getName() + "\n"
            + "troupe.remote.watch-failure-detector.implementation-class = " + ManualClockPhiAccrualFailureDetector.class.getName() + "\n"
            + "troupe.remote.watch-failure-detector.threshold = " + THRESHOLD + "\n"
            + "troupe.remote.watch-failure-detector.acceptable-heartbeat-pause = " + PAUSE_MS + "ms\n")
        .withFallback(RemoteMessagingTestSupport.config()));
    ManualClockPhiAccrualFailureDetector.clock = () -> clock().millis();
    b = ActorSystem.create("B", RemoteMessagingTestSupport.config());
    b.actorOf(Props.create(RemoteMessagingTestSupport.Echo.class), "echo");
    RemotingCounters counters = RemotingCounters.get(a);
    RemoteActorRefProvider providerA = (RemoteActorRefProvider) ((ExtendedActorSystem) a).provider();
    ActorRef remoteWatcher = providerA.remoteWatcher();

    TestKit probe = new TestKit(a);
    TestKit barrier = new TestKit(a);
    ActorRef echo = RemoteMessagingTestSupport.remoteRef(a, b, "/user/echo");
    echo.tell("hi", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "hi");
    Association assoc = providerA.remoting().association(echo.path().address());
    long acked = assoc.systemMessagesAcked();
    probe.watch(echo);
    Await.until("B acknowledged the watch", () -> assoc.systemMessagesAcked() > acked);

    // K heartbeat rounds, one a (manual) second: each response is recorded at the tick's time
    int k = 5;
    for (int i = 1; i <= k; i++) {
      tick(barrier, remoteWatcher);
      long expected = i;
      Await.until("heartbeat response " + i, () -> counters.get(Counter.HEARTBEAT_RESPONSES_RECEIVED) >= expected);
    }
    assertEquals(k, counters.get(Counter.HEARTBEAT_RESPONSES_RECEIVED), "one response per manual second");

    // B stops answering heartbeats (its remote watcher is gone); its actors and connections stay up
    ActorRef bWatcher = ((RemoteActorRefProvider) ((ExtendedActorSystem) b).provider()).remoteWatcher();
    TestKit bProbe = new TestKit(b);
    bProbe.watch(bWatcher);
    b.stop(bWatcher);
    bProbe.expectTerminated(Duration.ofSeconds(10), bWatcher);

    // the detector's history: the first-heartbeat estimate {750, 1250} and k - 1 intervals of exactly 1000 ms
    double mean = 1000.0;
    double variance = (750.0 * 750 + 1250.0 * 1250 + (k - 1) * 1000.0 * 1000) / (k + 1) - mean * mean;
    double std = Math.max(Math.sqrt(variance), 100.0);
    int declaredAt = -1;
    for (int j = 1; j <= 15 && declaredAt < 0; j++) {
      tick(barrier, remoteWatcher);
      double phi = PhiAccrualFailureDetector.phi(j * 1000L, mean + PAUSE_MS, std);
      boolean declared = counters.get(Counter.NODES_DEEMED_UNREACHABLE) == 1;
      assertEquals(phi >= THRESHOLD, declared, "at " + j + " s after the last response phi = " + phi);
      if (declared) declaredAt = j;
    }
    assertTrue(declaredAt > 0, "declared unreachable within 15 manual seconds");
    Terminated t = probe.expectTerminated(Duration.ofSeconds(10), echo);
    assertTrue(t.getAddressTerminated());
    assertEquals(5, declaredAt, "with a 3 s pause and this history, phi crosses 10 between 4 s and 5 s");
  }
}

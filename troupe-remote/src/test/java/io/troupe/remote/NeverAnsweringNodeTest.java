package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Terminated;
import io.troupe.testkit.javadsl.TestKit;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Watching an actor on a node that never answers: the watcher gets one Terminated (addressTerminated) once the
 * failure detector gives up, and the node stops retrying and logging afterwards.
 */
class NeverAnsweringNodeTest {
  @Test
  void shouldTerminateOnceAndThenFallSilent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    ActorSystem a = ActorSystem.create("A", ConfigFactory.parseString(
        "troupe.remote.watch-failure-detector.acceptable-heartbeat-pause = 2s\n"
            + "troupe.remote.retry-gate-closed-for = 1s\ntroupe.remote.log-remote-lifecycle-events = on\n")
        .withFallback(RemoteMessagingTest.config()));
    try {
      TestKit probe = new TestKit(a);
      TestKit attempts = new TestKit(a);
      a.eventStream().subscribe(attempts.getRef(), AssociationErrorEvent.class);
      ActorRef ghost = ((ExtendedActorSystem) a).provider().resolveActorRef("troupe://Ghost@127.0.0.1:" + port + "/user/x");
      probe.watch(ghost);
      Terminated t = probe.expectTerminated(Duration.ofSeconds(30), ghost);
      assertTrue(t.getAddressTerminated());
      assertTrue(attempts.msgAvailable(), "connection attempts failed while the node was watched");
      attempts.receiveWhile(Duration.ofMillis(1500), m -> m); // attempts already under way
      long warningsAtTermination = warnings(log);
      // several gate periods later: no second Terminated, no more connection attempts, no new warnings
      attempts.expectNoMessage(Duration.ofSeconds(4));
      probe.expectNoMessage(Duration.ZERO);
      assertEquals(warningsAtTermination, warnings(log), "no warnings after the node was given up: " + log.list);
      assertTrue(RemotingCounters.get(a).get(RemotingCounters.Counter.NODES_DEEMED_UNREACHABLE) == 1);
    } finally {
      root.detachAppender(log);
      TestKit.shutdownActorSystem(a);
    }
  }

  private static long warnings(ListAppender<ILoggingEvent> log) {
    synchronized (log.list) {
      return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).count();
    }
  }
}

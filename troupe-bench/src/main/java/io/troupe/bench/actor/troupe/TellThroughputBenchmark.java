package io.troupe.bench.actor.troupe;

import com.typesafe.config.ConfigFactory;
import io.troupe.bench.AbstractBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How many local {@code tell}s per second does the runtime deliver between pairs of actors?
 *
 * <p>Workload: {@code pairs} independent sender/receiver pairs on the default dispatcher. Each invocation moves
 * {@value #MESSAGES} messages in total, split evenly across the pairs. A sender sends {@code burst} messages and keeps at
 * most two bursts in flight; its receiver counts them and acknowledges each full burst, which releases the next one. The
 * invocation ends when every sender has seen its last acknowledgement. The score counts the messages, not the
 * acknowledgements, so it reads as messages per second. One pair shows the cost of a single hand-off chain; four pairs
 * show how the dispatcher shares its threads between busy actors.
 *
 * <p>This class and its twin in the other package differ only in their imports and configuration root; compare them in
 * one run:
 *
 * <pre>
 * java -jar troupe-bench/target/benchmarks.jar 'io.troupe.bench.actor.(pekko|troupe).TellThroughputBenchmark' -rf json -rff troupe-bench/target/jmh-tell.json
 * </pre>
 */
@State(Scope.Benchmark)
public class TellThroughputBenchmark extends AbstractBenchmark {

  /** Messages sent by all senders together in one invocation. */
  static final int MESSAGES = 400_000;

  static final String CONFIG =
      "troupe { loglevel = WARNING, stdout-loglevel = WARNING, log-dead-letters = off,"
          + " log-dead-letters-during-shutdown = off }";

  @Param({"1", "4"})
  int pairs;

  /** Messages per burst; a receiver acknowledges each full burst. Must divide {@code MESSAGES / pairs}. */
  @Param({"1000"})
  int burst;

  private ActorSystem system;
  private final List<ActorRef> senders = new ArrayList<>();

  @Setup(Level.Trial)
  public void setUp() {
    if (MESSAGES % pairs != 0 || (MESSAGES / pairs) % burst != 0) {
      throw new IllegalArgumentException(
          "burst = " + burst + " with pairs = " + pairs + " does not divide " + MESSAGES + " messages evenly");
    }
    system = ActorSystem.create("tell", ConfigFactory.parseString(CONFIG).withFallback(ConfigFactory.load()));
    for (int i = 0; i < pairs; i++) {
      ActorRef receiver = system.actorOf(Receiver.props(burst), "receiver-" + i);
      senders.add(system.actorOf(Sender.props(receiver, burst), "sender-" + i));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    senders.clear();
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void tell() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(pairs);
    Run run = new Run(MESSAGES / pairs, done);
    for (ActorRef sender : senders) {
      sender.tell(run, ActorRef.noSender());
    }
    if (!done.await(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          (pairs - done.getCount()) + " of " + pairs + " pairs finished within " + INVOCATION_TIMEOUT_SECONDS + " s");
    }
  }

  /** Tells a sender to send {@code messages} messages and count down {@code done} when all are acknowledged. */
  static final class Run {
    final int messages;
    final CountDownLatch done;

    Run(int messages, CountDownLatch done) {
      this.messages = messages;
      this.done = done;
    }
  }

  /** The payload: one shared instance, so the score is not about allocating messages. */
  enum Payload { INSTANCE }

  /** A receiver's acknowledgement of one full burst. */
  enum Ack { INSTANCE }

  /** Sends bursts to its receiver, keeping at most two unacknowledged. */
  static final class Sender extends AbstractActor {
    private final ActorRef receiver;
    private final int burst;
    private int unsent;
    private int unacknowledgedBursts;
    private CountDownLatch done;

    Sender(ActorRef receiver, int burst) {
      this.receiver = receiver;
      this.burst = burst;
    }

    static Props props(ActorRef receiver, int burst) {
      return Props.create(Sender.class, () -> new Sender(receiver, burst));
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Run.class, this::start)
          .match(Ack.class, ack -> acknowledged())
          .build();
    }

    private void start(Run run) {
      done = run.done;
      unsent = run.messages;
      unacknowledgedBursts = run.messages / burst;
      sendBurst();
      sendBurst();
    }

    private void acknowledged() {
      if (--unacknowledgedBursts == 0) {
        done.countDown();
      } else {
        sendBurst();
      }
    }

    private void sendBurst() {
      int n = Math.min(burst, unsent);
      ActorRef self = getSelf();
      for (int i = 0; i < n; i++) {
        receiver.tell(Payload.INSTANCE, self);
      }
      unsent -= n;
    }
  }

  /** Counts payloads and acknowledges every {@code burst}-th one to its sender. */
  static final class Receiver extends AbstractActor {
    private final int burst;
    private int received;

    Receiver(int burst) {
      this.burst = burst;
    }

    static Props props(int burst) {
      return Props.create(Receiver.class, () -> new Receiver(burst));
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Payload.class, payload -> {
            if (++received == burst) {
              received = 0;
              getSender().tell(Ack.INSTANCE, getSelf());
            }
          })
          .build();
    }
  }
}

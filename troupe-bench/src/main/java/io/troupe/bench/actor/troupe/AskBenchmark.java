package io.troupe.bench.actor.troupe;

import com.typesafe.config.ConfigFactory;
import io.troupe.bench.AbstractBenchmark;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.pattern.Patterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How long does one {@code Patterns.ask} round trip to a local actor take, from the call to the completed reply?
 *
 * <p>Workload: one echo actor on the default dispatcher; the benchmark thread asks it, blocks until the returned stage
 * completes, and asks again, so exactly one request is in flight. Each round trip creates the temporary reply actor, the
 * request and the timeout timer, delivers two messages and completes a future: the overhead of ask itself, not of
 * message delivery under load (see {@link TellThroughputBenchmark} for that).
 *
 * <p>This class and its twin in the other package differ only in their imports and configuration root; compare them in
 * one run:
 *
 * <pre>
 * java -jar troupe-bench/target/benchmarks.jar 'io.troupe.bench.actor.(pekko|troupe).AskBenchmark' -rf json -rff troupe-bench/target/jmh-ask.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AskBenchmark extends AbstractBenchmark {

  static final String CONFIG =
      "troupe { loglevel = WARNING, stdout-loglevel = WARNING, log-dead-letters = off,"
          + " log-dead-letters-during-shutdown = off }";

  /** The ask timeout: far above a round trip, so it never fires; it only has to be scheduled and cancelled. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  private ActorSystem system;
  private ActorRef echo;

  @Setup(Level.Trial)
  public void setUp() {
    system = ActorSystem.create("ask", ConfigFactory.parseString(CONFIG).withFallback(ConfigFactory.load()));
    echo = system.actorOf(Echo.props(), "echo");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Benchmark
  public Object roundTrip() throws Exception {
    return Patterns.ask(echo, Ping.INSTANCE, ASK_TIMEOUT)
        .toCompletableFuture()
        .get(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** The request; one shared instance, so the score is not about allocating messages. */
  enum Ping { INSTANCE }

  /** Replies to every message with the message itself. */
  static final class Echo extends AbstractActor {
    static Props props() {
      return Props.create(Echo.class, Echo::new);
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(message -> getSender().tell(message, getSelf())).build();
    }
  }
}

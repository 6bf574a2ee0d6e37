package io.troupe.bench.actor.troupe;

import com.typesafe.config.ConfigFactory;
import io.troupe.bench.AbstractBenchmark;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.pattern.Patterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How many child actors per second can the runtime create and start?
 *
 * <p>Workload: before each invocation a fresh parent actor is created (not measured). The measured invocation tells the
 * parent to create {@value #ACTORS} children with {@code getContext().actorOf(props)} (generated names, one shared
 * {@code Props}) and waits until every child has run {@code preStart}, which counts down a latch. The score is children
 * started per second: it covers the props, the name, the cell and mailbox, registering the child with its parent and
 * scheduling the start on the dispatcher. After each invocation (not measured) the parent is stopped with
 * {@code Patterns.gracefulStop}, which waits until all its children have stopped, so invocations never overlap.
 *
 * <p>This class and its twin in the other package differ only in their imports and configuration root; compare them in
 * one run:
 *
 * <pre>
 * java -jar troupe-bench/target/benchmarks.jar 'io.troupe.bench.actor.(pekko|troupe).ActorCreationBenchmark' -rf json -rff troupe-bench/target/jmh-create.json
 * </pre>
 */
@State(Scope.Benchmark)
public class ActorCreationBenchmark extends AbstractBenchmark {

  /** Children created in one invocation. */
  static final int ACTORS = 10_000;

  static final String CONFIG =
      "troupe { loglevel = WARNING, stdout-loglevel = WARNING, log-dead-letters = off,"
          + " log-dead-letters-during-shutdown = off }";

  static final Duration STOP_TIMEOUT = Duration.ofSeconds(INVOCATION_TIMEOUT_SECONDS);

  private ActorSystem system;
  private ActorRef parent;
  private CountDownLatch started;

  @Setup(Level.Trial)
  public void setUp() {
    system = ActorSystem.create("create", ConfigFactory.parseString(CONFIG).withFallback(ConfigFactory.load()));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Setup(Level.Invocation)
  public void createParent() {
    started = new CountDownLatch(ACTORS);
    parent = system.actorOf(Parent.props());
  }

  @TearDown(Level.Invocation)
  public void stopParent() throws Exception {
    Patterns.gracefulStop(parent, STOP_TIMEOUT).toCompletableFuture().get(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS)
  public void createAndStart() throws InterruptedException {
    parent.tell(new Spawn(ACTORS, started), ActorRef.noSender());
    if (!started.await(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          (ACTORS - started.getCount()) + " of " + ACTORS + " children started within " + INVOCATION_TIMEOUT_SECONDS
              + " s");
    }
  }

  /** Tells the parent to create {@code children} children that count down {@code started} as they start. */
  static final class Spawn {
    final int children;
    final CountDownLatch started;

    Spawn(int children, CountDownLatch started) {
      this.children = children;
      this.started = started;
    }
  }

  /** Creates the children it is told to. */
  static final class Parent extends AbstractActor {
    static Props props() {
      return Props.create(Parent.class, Parent::new);
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Spawn.class, spawn -> {
            Props childProps = Child.props(spawn.started);
            for (int i = 0; i < spawn.children; i++) {
              getContext().actorOf(childProps);
            }
          })
          .build();
    }
  }

  /** Reports that it has started, then waits to be stopped with its parent. */
  static final class Child extends AbstractActor {
    private final CountDownLatch started;

    Child(CountDownLatch started) {
      this.started = started;
    }

    static Props props(CountDownLatch started) {
      return Props.create(Child.class, () -> new Child(started));
    }

    @Override
    public void preStart() {
      started.countDown();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().build();
    }
  }
}

package io.troupe.bench.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.bench.AbstractBenchmark;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does one 100-byte message cost on the whole remote path: {@code tell} to a remote ref, the outbound queue,
 * encoding on the sender's I/O thread, TCP over 127.0.0.1, decoding and deserializing on the receiver's I/O thread,
 * the recipient's mailbox and its {@code receive}?
 *
 * <p>Workload: two actor systems in this JVM, connected by Artery TCP. Per invocation the benchmark thread tells
 * {@value #MESSAGES} {@code byte[100]} messages to a sink actor in the other system, with no sender, in windows of
 * {@value #WINDOW} (the sink releases a permit per window it received, so the bounded outbound queue never
 * overflows), then waits until the sink counted them all. Scores are per message; {@code -prof gc} shows the bytes
 * allocated per message by both systems together (the payload array the receiver must create is 116 bytes of it).
 * On 2 cores the two systems' I/O and dispatcher threads compete with the benchmark thread: compare allocation, and
 * throughput only between runs on the same machine.
 *
 * <pre>
 * java -jar troupe-bench/target/benchmarks.jar 'io.troupe.bench.remote.RemoteTellBenchmark' -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
public class RemoteTellBenchmark extends AbstractBenchmark {
  static final int MESSAGES = 20_000;
  static final int WINDOW = 500;
  private static final int WINDOWS_IN_FLIGHT = 4;

  static final Semaphore PERMITS = new Semaphore(0);
  static final AtomicLong RECEIVED = new AtomicLong();

  private ActorSystem senderSystem;
  private ActorSystem receiverSystem;
  private ActorRef sink;
  private long sent;
  private final byte[] payload = new byte[100];

  /** Counts messages; releases a permit per window. */
  static final class Sink extends AbstractActor {
    private long count;

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(byte[].class, m -> {
            count++;
            if (count % WINDOW == 0) PERMITS.release();
            RECEIVED.lazySet(count);
          })
          .build();
    }
  }

  private static Config config() {
    return ConfigFactory.parseString(String.join("\n",
        "troupe.loglevel = WARNING",
        "troupe.actor.provider = remote",
        "troupe.remote.artery.canonical.hostname = \"127.0.0.1\"",
        "troupe.remote.artery.canonical.port = 0")).withFallback(ConfigFactory.load());
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    receiverSystem = ActorSystem.create("receiver", config());
    senderSystem = ActorSystem.create("sender", config());
    receiverSystem.actorOf(Props.create(Sink.class, Sink::new), "sink");
    Address a = ((ExtendedActorSystem) receiverSystem).provider().getDefaultAddress();
    sink = senderSystem.actorSelection(a + "/user/sink").resolveOne(Duration.ofSeconds(10))
        .toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    senderSystem.terminate();
    receiverSystem.terminate();
    senderSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    receiverSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long tell() throws Exception {
    long window = sent / WINDOW;
    for (int i = 0; i < MESSAGES; i++) {
      if (sent % WINDOW == 0 && window >= WINDOWS_IN_FLIGHT) {
        if (!PERMITS.tryAcquire(INVOCATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) throw new TimeoutException("no progress");
      }
      sink.tell(payload, ActorRef.noSender());
      sent++;
      if (sent % WINDOW == 0) window++;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(INVOCATION_TIMEOUT_SECONDS);
    while (RECEIVED.get() < sent) {
      if (System.nanoTime() - deadline > 0) throw new TimeoutException("received " + RECEIVED.get() + " of " + sent);
      java.util.concurrent.locks.LockSupport.parkNanos(20_000);
    }
    return sent;
  }
}

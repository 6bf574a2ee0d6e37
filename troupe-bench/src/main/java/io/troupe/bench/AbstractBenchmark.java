package io.troupe.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every Troupe benchmark shares, so that a Troupe result and its Pekko twin are measured the same way.
 *
 * <p>One fork with a fixed, pre-touched heap (so GC sizing does not differ between the two runtimes), three 2 s warmup
 * iterations and five 2 s measurement iterations: short enough to run the whole suite on a laptop, long enough for the
 * JIT to settle on the hot paths of both runtimes. Throughput in operations per second unless a benchmark says otherwise.
 * JMH annotations are inherited, so a benchmark overrides any of these by annotating its own class, and the command
 * line ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}) overrides both.
 *
 * <p>Build once, then run from the repository root; {@code -rf json -rff FILE} writes the JSON result file:
 *
 * <pre>
 * mvn -B -pl troupe-bench -am package -DskipTests
 * java -jar troupe-bench/target/benchmarks.jar 'io.troupe.bench.actor.*' -rf json -rff troupe-bench/target/jmh-actor.json
 * </pre>
 *
 * <p>Add {@code -prof gc} to see the bytes allocated per operation.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class AbstractBenchmark {

  /** How long a benchmark waits for one invocation before it declares the runtime stuck. */
  protected static final long INVOCATION_TIMEOUT_SECONDS = 60;
}

package io.troupe.testkit.multijvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node running in its own JVM, started from the current class path with {@code mainClass}. The node prints lines on
 * stdout (and logs on stderr, merged); the test waits for lines with deadlines ({@link #awaitLine}) and sends commands
 * as lines on stdin ({@link #send}). {@link #kill()} ends it with SIGKILL, {@link #freeze()} / {@link #thaw()} pause it
 * with SIGSTOP / SIGCONT. {@link #close()} kills it if it still runs. Everything it printed is kept in {@link #output()}.
 */
public final class JvmNode implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Writer stdin;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private final Thread reader;

  private JvmNode(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.reader = new Thread(this::pump, "jvmnode-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} with {@code args} and the given system properties in a new JVM. */
  public static JvmNode start(String name, Class<?> mainClass, List<String> args, Map<String, String> systemProperties,
                              List<String> jvmOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvmOptions);
    for (Map.Entry<String, String> e : systemProperties.entrySet()) cmd.add("-D" + e.getKey() + "=" + e.getValue());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      return new JvmNode(name, p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start JVM for node " + name + ": " + e.getMessage(), e);
    }
  }

  public static JvmNode start(String name, Class<?> mainClass, String... args) {
    return start(name, mainClass, List.of(args), Map.of(), List.of());
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (all) {
          all.add(line);
        }
        lines.add(line);
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  public String name() { return name; }

  public long pid() { return process.pid(); }

  public boolean isAlive() { return process.isAlive(); }

  /**
   * Waits for a line matching {@code p} (lines before it are consumed) and returns it.
   *
   * @throws AssertionError with the node's output when {@code max} passes or the node ends first
   */
  public String awaitLine(String what, Duration max, Predicate<String> p) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("node " + name + ": timed out after " + max + " waiting for " + what + "\n" + report());
      String line;
      try {
        line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      if (line != null && p.test(line)) return line;
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("node " + name + " ended (exit " + process.exitValue() + ") while waiting for " + what + "\n" + report());
      }
    }
  }

  /** Waits for a line starting with {@code prefix} and returns the rest of it. */
  public String awaitPrefix(String prefix, Duration max) {
    return awaitLine("a line starting with [" + prefix + "]", max, l -> l.startsWith(prefix)).substring(prefix.length()).trim();
  }

  /** Sends one command line to the node's stdin. */
  public void send(String line) {
    try {
      stdin.write(line);
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw new AssertionError("node " + name + " does not take input any more: " + e.getMessage() + "\n" + report(), e);
    }
  }

  /** SIGKILL: the JVM dies at once, without shutdown hooks. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  /** SIGSTOP: the JVM is frozen (its sockets stay open). */
  public void freeze() { signal("STOP"); }

  /** SIGCONT after {@link #freeze()}. */
  public void thaw() { signal("CONT"); }

  private void signal(String sig) {
    try {
      Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).redirectErrorStream(true).start();
      if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) throw new AssertionError("kill -" + sig + " failed for node " + name);
    } catch (IOException e) {
      throw new AssertionError("cannot signal node " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Waits for the JVM to end; returns its exit code. */
  public int waitFor(Duration max) {
    try {
      if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("node " + name + " did not end within " + max + "\n" + report());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Every line the node printed so far. */
  public List<String> output() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  /** The node's output, for failure messages. */
  public String report() {
    StringBuilder sb = new StringBuilder("---- output of node " + name + " ----\n");
    for (String l : output()) sb.append(l).append('\n');
    return sb.append("---- end of ").append(name).append(" ----").toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

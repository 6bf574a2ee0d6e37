package io.troupe.interop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The stdin/stdout protocol of a node in its own JVM (a Pekko or a Troupe one), read by {@link
 * io.troupe.testkit.multijvm.JvmNode}. The node prints {@code READY <address> <uid>}, then obeys one command a line:
 * {@code watch <path>} (prints {@code WATCHING <path>}, later {@code TERMINATED <path>}), {@code stop-echo} (prints
 * {@code ECHO-STOPPED}), {@code await-heartbeats <n>} (prints {@code HEARTBEATS} once it answered n remote-watch
 * heartbeats; Troupe nodes only) and {@code terminate} (prints {@code TERMINATED-SYSTEM} and exits).
 */
final class NodeCommands {
  private NodeCommands() {}

  interface Node {
    void watch(String path, Runnable onWatching, Runnable onTerminated);

    void stopEcho();

    default void awaitHeartbeats(int n) { throw new UnsupportedOperationException("await-heartbeats"); }

    void terminate();
  }

  static void run(String address, long uid, Node node) throws Exception {
    say("READY " + address + " " + uid);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split(" ", 2);
      try {
        switch (cmd[0]) {
          case "watch":
            node.watch(cmd[1], () -> say("WATCHING " + cmd[1]), () -> say("TERMINATED " + cmd[1]));
            break;
          case "stop-echo":
            node.stopEcho();
            say("ECHO-STOPPED");
            break;
          case "await-heartbeats":
            node.awaitHeartbeats(Integer.parseInt(cmd[1]));
            say("HEARTBEATS");
            break;
          case "terminate":
            node.terminate();
            say("TERMINATED-SYSTEM");
            System.exit(0);
            break;
          default:
            say("UNKNOWN " + line);
        }
      } catch (RuntimeException e) {
        say("FAILED " + line + ": " + e);
      }
    }
  }

  static void say(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }
}

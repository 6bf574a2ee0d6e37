package io.troupe.remote;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback TCP forwarder: what a NAT or a container port mapping does, for tests of canonical vs bind addresses. */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  TcpRelay(int targetPort) throws Exception {
    server = new ServerSocket(0);
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket in = server.accept();
          Socket out = new Socket("127.0.0.1", targetPort);
          sockets.add(in);
          sockets.add(out);
          pipe(in, out);
          pipe(out, in);
        } catch (Exception e) {
          return;
        }
      }
    }, "tcp-relay");
    t.setDaemon(true);
    t.start();
  }

  int port() { return server.getLocalPort(); }

  private static void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
      } catch (Exception ignored) {
        // one side closed
      } finally {
        try {
          to.shutdownOutput();
        } catch (Exception ignored) {
          // already closed
        }
      }
    }, "tcp-relay-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws Exception {
    server.close();
    for (Socket s : sockets) s.close();
  }
}

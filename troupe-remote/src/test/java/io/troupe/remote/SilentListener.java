package io.troupe.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP listener on a free loopback port that accepts every connection and reads and discards what arrives, never
 * writing a byte: to a Troupe node it is a peer whose connections succeed but which never speaks Artery back.
 */
public final class SilentListener implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  public SilentListener() throws IOException {
    server = new ServerSocket(0);
    Thread t = new Thread(this::acceptAll, "silent-listener-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.add(s);
        Thread r = new Thread(() -> {
          try (InputStream in = s.getInputStream()) {
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) { /* swallow */ }
          } catch (IOException ignored) {
            // closed
          }
        });
        r.setDaemon(true);
        r.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : accepted) s.close();
  }
}

package io.troupe.remote.transport.tls;

import io.troupe.event.LogMarkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;

/**
 * An {@link SSLContext} made from the contents of some files and made again when they change: at most every
 * {@code ttl} (looked at when a connection asks for the context, so nothing runs in between), the files are read; when
 * their bytes differ from the loaded ones a new context is made and serves new connections, while existing
 * connections go on with what they negotiated. New files that cannot be used are refused with a WARN
 * ({@link LogMarkers#SECURITY}) and the previous context stays in use until the files are right.
 */
final class ReloadingContext {
  /** Makes a context from the bytes of the files, in the order they were given. */
  interface Loader {
    SSLContext load(byte[][] files) throws GeneralSecurityException, IOException;
  }

  private final List<Path> files;
  private final long ttlNanos;
  private final Loader loader;
  private final String description;
  private final Logger log;
  private volatile Loaded current;

  private static final class Loaded {
    final SSLContext context;
    final byte[][] files;
    final long checkedAt;

    Loaded(SSLContext context, byte[][] files, long checkedAt) {
      this.context = context;
      this.files = files;
      this.checkedAt = checkedAt;
    }
  }

  /**
   * Loads the files now (failing with the loader's exception) and, when {@code ttlNanos > 0}, again after changes.
   * {@code description} names the files in log messages.
   */
  ReloadingContext(List<Path> files, long ttlNanos, Loader loader, String description, Logger log)
      throws GeneralSecurityException, IOException {
    this.files = files;
    this.ttlNanos = ttlNanos;
    this.loader = loader;
    this.description = description;
    this.log = log;
    byte[][] bytes = read();
    this.current = new Loaded(loader.load(bytes), bytes, System.nanoTime());
  }

  private byte[][] read() throws IOException {
    byte[][] out = new byte[files.size()][];
    for (int i = 0; i < out.length; i++) out[i] = Files.readAllBytes(files.get(i));
    return out;
  }

  /** The context for a new connection. */
  SSLContext get() {
    Loaded l = current;
    if (ttlNanos <= 0) return l.context;
    long now = System.nanoTime();
    if (now - l.checkedAt < ttlNanos) return l.context;
    synchronized (this) {
      l = current;
      if (now - l.checkedAt < ttlNanos) return l.context;
      Loaded next;
      try {
        byte[][] bytes = read();
        if (Arrays.deepEquals(bytes, l.files)) {
          next = new Loaded(l.context, l.files, now);
        } else {
          next = new Loaded(loader.load(bytes), bytes, now);
          log.info(LogMarkers.SECURITY, "TLS key material reloaded from {}; new connections use it", description);
        }
      } catch (GeneralSecurityException | IOException | RuntimeException e) {
        // keep what works; look again after the next interval (the files may have been written halfway)
        next = new Loaded(l.context, l.files, now);
        log.warn(LogMarkers.SECURITY, "refusing new TLS key material from {}: {}; keeping the previous material",
            description, e.toString());
      }
      current = next;
      return next.context;
    }
  }
}

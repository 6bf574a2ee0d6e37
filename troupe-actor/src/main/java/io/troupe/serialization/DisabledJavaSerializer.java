package io.troupe.serialization;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.event.LogMarkers;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands in for {@link JavaSerializer} while {@code troupe.actor.allow-java-serialization = off} (the default), as
 * Pekko's {@code DisabledJavaSerializer}: it keeps id 1, so {@code java.io.Serializable} classes still resolve to it,
 * and refuses every use with a {@link JavaSerializationException} that names the class and the settings to change.
 * Each refusal is logged at WARN with the {@code SECURITY} marker: outgoing ones once per class (they come from this
 * application's code), incoming ones for the 1st, 10th, 100th, ... time (they come from peers, which must not be able
 * to flood the log).
 */
public final class DisabledJavaSerializer implements Serializer, ByteBufferSerializer {
  private static final Logger LOG = LoggerFactory.getLogger(DisabledJavaSerializer.class);

  private final int identifier;
  private final Set<String> refusedClasses = ConcurrentHashMap.newKeySet();
  private final AtomicLong refusedSerializations = new AtomicLong();
  private final AtomicLong refusedDeserializations = new AtomicLong();

  public DisabledJavaSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor(JavaSerializer.class.getName());
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  /** How many objects were refused so far. */
  public long refusedSerializations() { return refusedSerializations.get(); }

  /** How many payloads were refused so far. */
  public long refusedDeserializations() { return refusedDeserializations.get(); }

  @Override
  public byte[] toBinary(Object o) {
    throw refuseOutgoing(o);
  }

  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    throw refuseOutgoing(o);
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) {
    throw refuseIncoming(bytes.length);
  }

  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) {
    throw refuseIncoming(buf.remaining());
  }

  private JavaSerializationException refuseOutgoing(Object o) {
    String cls = o == null ? "null" : o.getClass().getName();
    refusedSerializations.incrementAndGet();
    String fix = o != null && o.getClass().isHidden()
        ? "A lambda can only be sent with Java serialization: send an instance of a class bound to a serializer instead"
        : "Bind a serializer for it in " + SerializationSettings.BINDINGS + ", e.g. \"" + cls
            + "\" = jackson-json (io.troupe:troupe-serialization-jackson)";
    String msg = "Refusing to serialize [" + cls + "] with Java serialization: " + SerializationSettings.ALLOW_JAVA
        + " = off. " + fix + ", or, only between fully trusted nodes, set " + SerializationSettings.ALLOW_JAVA + " = on";
    if (refusedClasses.add(cls)) LOG.warn(LogMarkers.SECURITY, msg);
    return new JavaSerializationException(msg);
  }

  private JavaSerializationException refuseIncoming(int length) {
    long n = refusedDeserializations.incrementAndGet();
    String msg = "Refusing to deserialize a Java-serialized payload of [" + length + "] bytes (serializer id ["
        + identifier + "]): " + SerializationSettings.ALLOW_JAVA + " = off. The sender must use another serializer "
        + "for this message; enable Java serialization (" + SerializationSettings.ALLOW_JAVA + " = on) only between "
        + "fully trusted nodes";
    if (isPowerOfTen(n)) LOG.warn(LogMarkers.SECURITY, "{} (refusal number {})", msg, n);
    return new JavaSerializationException(msg);
  }

  private static boolean isPowerOfTen(long n) {
    while (n >= 10 && n % 10 == 0) n /= 10;
    return n == 1;
  }

  @Override
  public String toString() {
    return "DisabledJavaSerializer(" + identifier + ")";
  }

  /** A refused use of Java serialization; the message names the class and the settings to change. */
  public static final class JavaSerializationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JavaSerializationException(String message) {
      super(message);
    }
  }
}

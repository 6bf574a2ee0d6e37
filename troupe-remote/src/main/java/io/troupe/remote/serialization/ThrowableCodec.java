package io.troupe.remote.serialization;

import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorRef;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.codec.ProtoReader;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.serialization.Serializer;
import java.io.NotSerializableException;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of exceptions in the misc serializer (spec section 9.2):
 *
 * <pre>
 * message Throwable { required string className = 1; optional string message = 2; optional Payload cause = 3;
 *                     repeated StackTraceElement stackTrace = 4; }                                      // "F"
 * message StackTraceElement { required string className = 1; required string methodName = 2;
 *                             required string fileName = 3;  // "" when unknown
 *                             required int32 lineNumber = 4; }
 * message ThrowableNotSerializable { required string message = 1; required string originalMessage = 2;
 *                                    required string originalClassName = 3; }                         // "TNSEX"
 * message ActorInitializationException { optional ActorRef actor = 1; required string message = 2;
 *                                        required Payload cause = 3; }                                // "AIEX"
 * </pre>
 *
 * <p>Reading a {@code Throwable} creates an instance of the named class only when it is a {@link Throwable} bound to a
 * serializer other than Java serialization (the same rule as Pekko, so a peer cannot make this node construct
 * arbitrary classes), through its public {@code (String)} or {@code (String, Throwable)} constructor; anything else
 * becomes a {@link ThrowableNotSerializableException} that keeps the message and class name.
 *
 * <p>Class names: Troupe's own exceptions are written under Pekko's names ({@code io.troupe.X} as
 * {@code org.apache.pekko.X}), which is what a Pekko node sends for the same exception and lets it recreate the
 * exception; when reading, a Pekko name is tried as {@code io.troupe.X} first.
 */
final class ThrowableCodec {
  private static final String TROUPE = "io.troupe.";
  private static final String PEKKO = "org.apache.pekko.";

  private final PayloadCodec payloads;

  ThrowableCodec(PayloadCodec payloads) {
    this.payloads = payloads;
  }

  // ------------------------------------------------------------------ Throwable ("F")

  void writeThrowable(ByteBuffer b, Throwable t) {
    ProtoWriter.string(b, 1, wireClassName(t.getClass().getName()));
    String message = t.getMessage();
    if (message != null) ProtoWriter.string(b, 2, message);
    Throwable cause = t.getCause();
    if (cause != null) payloads.writePayload(b, 3, cause);
    for (StackTraceElement e : t.getStackTrace()) {
      long mark = ProtoWriter.beginNested(b, 4);
      ProtoWriter.string(b, 1, e.getClassName());
      ProtoWriter.string(b, 2, e.getMethodName());
      String file = e.getFileName();
      ProtoWriter.string(b, 3, file == null ? "" : file);
      ProtoWriter.int32(b, 4, e.getLineNumber());
      ProtoWriter.endNested(b, mark);
    }
  }

  static String wireClassName(String name) {
    return name.startsWith(TROUPE) ? PEKKO + name.substring(TROUPE.length()) : name;
  }

  /**
   * The exception, or a {@link ThrowableNotSerializableException} standing in for it when its class may not be
   * created or its cause cannot be read (as Pekko: a failure report is never lost to a serialization problem).
   *
   * @throws MalformedFrameException when the bytes are not a Throwable message
   */
  Throwable readThrowable(ProtoReader r) {
    String className = null;
    String message = null;
    Throwable cause = null;
    NotSerializableException unreadableCause = null;
    List<StackTraceElement> trace = new ArrayList<>();
    while (r.next()) {
      switch (r.field()) {
        case 1: className = r.string(); break;
        case 2: message = r.string(); break;
        case 3:
          try {
            cause = asThrowable(payloads.readPayload(r.nested(), "Throwable.cause"), "Throwable.cause");
          } catch (NotSerializableException e) {
            unreadableCause = e; // as Pekko: the failure still arrives, as a ThrowableNotSerializableException
          }
          break;
        case 4: trace.add(readStackTraceElement(r.nested())); break;
        default: r.skip();
      }
    }
    if (className == null) throw ProtoReader.missing("Throwable", "className");
    if (unreadableCause != null) return new ThrowableNotSerializableException(message, className, unreadableCause);
    Class<?> c = throwableClass(className);
    if (c == null) return new ThrowableNotSerializableException(message, className);
    Throwable t;
    try {
      t = instantiate(c, message, cause);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable why = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
      return new ThrowableNotSerializableException(message, className, why);
    }
    if (t == null) return new ThrowableNotSerializableException(message, className);
    t.setStackTrace(trace.toArray(new StackTraceElement[0]));
    return t;
  }

  private static StackTraceElement readStackTraceElement(ProtoReader r) {
    String cls = null, method = null, file = null;
    int line = 0;
    boolean hasLine = false;
    while (r.next()) {
      switch (r.field()) {
        case 1: cls = r.string(); break;
        case 2: method = r.string(); break;
        case 3: file = r.string(); break;
        case 4: line = r.int32(); hasLine = true; break;
        default: r.skip();
      }
    }
    if (cls == null) throw ProtoReader.missing("StackTraceElement", "className");
    if (method == null) throw ProtoReader.missing("StackTraceElement", "methodName");
    if (file == null) throw ProtoReader.missing("StackTraceElement", "fileName");
    if (!hasLine) throw ProtoReader.missing("StackTraceElement", "lineNumber");
    return new StackTraceElement(cls, method, file.isEmpty() ? null : file, line);
  }

  /** The class to recreate, or null when it is unknown, not a Throwable, or not allowed (no non-Java serializer). */
  private Class<?> throwableClass(String className) {
    Class<?> c = null;
    if (className.startsWith(PEKKO)) c = load(TROUPE + className.substring(PEKKO.length()));
    if (c == null) c = load(className);
    if (c == null || !Throwable.class.isAssignableFrom(c)) return null;
    Serializer s;
    try {
      s = payloads.serialization().serializerFor(c);
    } catch (NotSerializableException e) {
      return null;
    }
    return PayloadCodec.isJava(s) ? null : c;
  }

  private Class<?> load(String name) {
    try {
      // not initialised: the class is checked before anything of it runs
      return Class.forName(name, false, payloads.system().classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Throwable instantiate(Class<?> c, String message, Throwable cause) throws ReflectiveOperationException {
    if (cause != null) {
      Constructor<?> withCause = publicConstructor(c, String.class, Throwable.class);
      if (withCause != null) return (Throwable) withCause.newInstance(message, cause);
    }
    Constructor<?> plain = publicConstructor(c, String.class);
    if (plain == null) return null;
    Throwable t = (Throwable) plain.newInstance(message);
    if (cause != null && t.getCause() == null) {
      try {
        t.initCause(cause);
      } catch (IllegalStateException e) {
        // the class set its own cause; keep it
      }
    }
    return t;
  }

  private static Constructor<?> publicConstructor(Class<?> c, Class<?>... params) {
    try {
      return c.getConstructor(params);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ ThrowableNotSerializableException ("TNSEX")

  static void writeNotSerializable(ByteBuffer b, ThrowableNotSerializableException e) {
    String message = e.getMessage();
    String original = e.originalMessage();
    String className = e.originalClassName();
    ProtoWriter.string(b, 1, message == null ? "" : message);
    ProtoWriter.string(b, 2, original == null ? "" : original);
    ProtoWriter.string(b, 3, className == null ? "" : className);
  }

  static ThrowableNotSerializableException readNotSerializable(ProtoReader r) {
    String message = null, original = null, className = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: message = r.string(); break;
        case 2: original = r.string(); break;
        case 3: className = r.string(); break;
        default: r.skip();
      }
    }
    if (message == null) throw ProtoReader.missing("ThrowableNotSerializable", "message");
    if (original == null) throw ProtoReader.missing("ThrowableNotSerializable", "originalMessage");
    if (className == null) throw ProtoReader.missing("ThrowableNotSerializable", "originalClassName");
    return new ThrowableNotSerializableException(message, original, className);
  }

  // ------------------------------------------------------------------ ActorInitializationException ("AIEX")

  /**
   * Pekko sends {@code getMessage()}, which it builds as {@code "<actor path>: <message>"} when there is an actor;
   * Troupe's exception prefixes the ref's {@code toString()} instead, so the prefix is rewritten to Pekko's form.
   */
  void writeInitializationException(ByteBuffer b, ActorInitializationException e) {
    ActorRef actor = e.getActor();
    String message = e.getMessage();
    if (message == null) message = "";
    if (actor != null) {
      PayloadCodec.writeActorRef(b, 1, actor);
      String troupePrefix = actor + ": ";
      if (message.startsWith(troupePrefix)) message = actor.path() + ": " + message.substring(troupePrefix.length());
    }
    ProtoWriter.string(b, 2, message);
    payloads.writePayload(b, 3, e.getCause());
  }

  ActorInitializationException readInitializationException(ProtoReader r) throws NotSerializableException {
    String path = null;
    String message = null;
    Throwable cause = null;
    boolean hasCause = false;
    while (r.next()) {
      switch (r.field()) {
        case 1: path = PayloadCodec.readActorRefPath(r.nested(), "ActorInitializationException.actor"); break;
        case 2: message = r.string(); break;
        case 3:
          cause = asThrowable(payloads.readPayload(r.nested(), "ActorInitializationException.cause"),
              "ActorInitializationException.cause");
          hasCause = true;
          break;
        default: r.skip();
      }
    }
    if (message == null) throw ProtoReader.missing("ActorInitializationException", "message");
    if (!hasCause) throw ProtoReader.missing("ActorInitializationException", "cause");
    ActorRef actor = path == null ? null : payloads.resolve(path);
    if (actor != null) message = withoutActorPrefix(message, path, actor);
    return new ActorInitializationException(actor, message, cause);
  }

  /** Drops the {@code "<actor path>: "} Pekko puts in front, in any of the forms the path may take. */
  private static String withoutActorPrefix(String message, String wirePath, ActorRef actor) {
    int hash = wirePath.indexOf('#');
    String noUid = hash < 0 ? wirePath : wirePath.substring(0, hash);
    for (String p : new String[] {actor.path().toString(), noUid, withoutHostPort(noUid)}) {
      if (p != null && message.startsWith(p) && message.startsWith(": ", p.length())) return message.substring(p.length() + 2);
    }
    return message;
  }

  /** {@code proto://sys@host:port/a} as {@code proto://sys/a}: how a sender prints its own local actors. */
  private static String withoutHostPort(String path) {
    int scheme = path.indexOf("://");
    if (scheme < 0) return null;
    int at = path.indexOf('@', scheme + 3);
    int slash = path.indexOf('/', scheme + 3);
    if (at < 0 || slash < 0 || at > slash) return null;
    return path.substring(0, at) + path.substring(slash);
  }

  // ------------------------------------------------------------------ helpers

  static Throwable asThrowable(Object o, String where) throws NotSerializableException {
    if (o == null || o instanceof Throwable) return (Throwable) o;
    throw new NotSerializableException(where + ": expected an exception, got a [" + o.getClass().getName() + "]");
  }
}

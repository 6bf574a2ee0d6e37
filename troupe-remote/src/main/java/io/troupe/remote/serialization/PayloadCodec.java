package io.troupe.remote.serialization;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.codec.ProtoReader;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.DisabledJavaSerializer;
import io.troupe.serialization.JavaSerializer;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import io.troupe.serialization.Serializers;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;

/**
 * Nested values and actor refs inside the serializers of this package (spec section 9.2):
 *
 * <pre>
 * message Payload  { required bytes enclosedMessage = 1; required int32 serializerId = 2;
 *                    optional bytes messageManifest = 4; }   // absent when the manifest is empty
 * message ActorRef { required string path = 1; }              // the wire path, with #uid
 * </pre>
 *
 * <p>The enclosed value is (de)serialized by whatever serializer the system binds to it, straight into and out of the
 * caller's buffer when that serializer is a {@link ByteBufferSerializer}. A {@link Throwable} that has no serializer
 * but Java serialization while it is off (or no binding at all) becomes a {@link ThrowableNotSerializableException},
 * as Pekko does for failures, so an exception never stops a failure report from crossing the network. Nesting is
 * bounded ({@link #MAX_NESTING}) both ways, so neither a hostile frame nor a cyclic cause chain can exhaust the stack.
 *
 * <p>The serialization extension is looked up on first use: serializers are created while it is being built.
 */
final class PayloadCodec {
  static final int ENCLOSED_MESSAGE = 1;
  static final int SERIALIZER_ID = 2;
  static final int MESSAGE_MANIFEST = 4;
  static final int ACTOR_REF_PATH = 1;

  /** How deeply payloads may nest inside payloads (Pekko's protobuf parser stops at 100). */
  static final int MAX_NESTING = 32;

  /** Per thread: [0] payloads being written, [1] payloads being read. */
  private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[2]);

  private final ExtendedActorSystem system;
  private volatile Serialization serialization;

  PayloadCodec(ExtendedActorSystem system) {
    this.system = system;
  }

  ExtendedActorSystem system() { return system; }

  Serialization serialization() {
    Serialization s = serialization;
    if (s == null) {
      s = SerializationExtension.get(system);
      serialization = s;
    }
    return s;
  }

  // ------------------------------------------------------------------ write

  /** {@code o} as a nested Payload message in field {@code field}. */
  void writePayload(ByteBuffer b, int field, Object o) {
    long mark = ProtoWriter.beginNested(b, field);
    writePayloadFields(b, o);
    ProtoWriter.endNested(b, mark);
  }

  /**
   * The fields of a Payload holding {@code o} (the whole body of Status.Success and Status.Failure). Null is written
   * as the null serializer's (id 0, no bytes), as Pekko does.
   *
   * @throws IllegalArgumentException when {@code o} is not a Throwable and has no serializer, or payloads nest deeper
   *     than {@link #MAX_NESTING}
   */
  void writePayloadFields(ByteBuffer b, Object o) {
    if (o == null) {
      ProtoWriter.bytes(b, ENCLOSED_MESSAGE, EMPTY);
      ProtoWriter.int32(b, SERIALIZER_ID, 0);
      return;
    }
    int[] nesting = NESTING.get();
    if (nesting[0] >= MAX_NESTING) {
      throw new IllegalArgumentException("Payloads nested deeper than " + MAX_NESTING + " levels (a cyclic cause chain?) "
          + "while serializing [" + o.getClass().getName() + "]");
    }
    nesting[0]++;
    try {
      Object msg = o;
      Serializer s = o instanceof Throwable ? throwableSerializer(o.getClass()) : serialization().findSerializerFor(o);
      if (s == null) {
        Throwable t = (Throwable) o;
        msg = new ThrowableNotSerializableException(t.getMessage(), t.getClass().getName(), t.getCause());
        s = serialization().findSerializerFor(msg);
      }
      writeEnclosed(b, ENCLOSED_MESSAGE, s, msg);
      ProtoWriter.int32(b, SERIALIZER_ID, s.identifier());
      String manifest = Serializers.manifestFor(s, msg);
      if (!manifest.isEmpty()) ProtoWriter.string(b, MESSAGE_MANIFEST, manifest);
    } finally {
      nesting[0]--;
    }
  }

  private static final byte[] EMPTY = new byte[0];

  /** The serializer of an exception class, or null when it must be replaced (no binding, or refused Java serialization). */
  private Serializer throwableSerializer(Class<?> c) {
    Serializer s;
    try {
      s = serialization().serializerFor(c);
    } catch (NotSerializableException e) {
      return null;
    }
    return s instanceof DisabledJavaSerializer ? null : s;
  }

  /** {@code o}'s bytes as field {@code field}, written by {@code s} straight into the buffer when it can. */
  static void writeEnclosed(ByteBuffer b, int field, Serializer s, Object o) {
    if (s instanceof ByteBufferSerializer) {
      long mark = ProtoWriter.beginNested(b, field);
      ((ByteBufferSerializer) s).toBinary(o, b);
      ProtoWriter.endNested(b, mark);
    } else {
      ProtoWriter.bytes(b, field, s.toBinary(o));
    }
  }

  /** A nested {@code ActorRef{path}} message in field {@code field}, with the ref's wire path. */
  static void writeActorRef(ByteBuffer b, int field, ActorRef ref) {
    long mark = ProtoWriter.beginNested(b, field);
    ProtoWriter.string(b, ACTOR_REF_PATH, Serialization.serializedActorPath(ref));
    ProtoWriter.endNested(b, mark);
  }

  // ------------------------------------------------------------------ read

  /**
   * The value of the Payload {@code r} reads (a nested message, or a whole body).
   *
   * @param where what contains the payload, for error messages
   * @throws MalformedFrameException when the Payload itself is malformed or nests too deeply
   * @throws NotSerializableException when the enclosed value cannot be read (unknown serializer id, unknown manifest,
   *     a failing nested serializer)
   */
  Object readPayload(ProtoReader r, String where) throws NotSerializableException {
    ByteBuffer enclosed = null;
    int id = 0;
    boolean hasId = false;
    String manifest = "";
    while (r.next()) {
      switch (r.field()) {
        case ENCLOSED_MESSAGE: enclosed = r.slice(); break;
        case SERIALIZER_ID: id = r.int32(); hasId = true; break;
        case MESSAGE_MANIFEST: manifest = r.string(); break;
        default: r.skip();
      }
    }
    if (enclosed == null) throw ProtoReader.missing(where, "enclosedMessage");
    if (!hasId) throw ProtoReader.missing(where, "serializerId");
    return deserialize(enclosed, id, manifest, where);
  }

  /**
   * {@code bytes} read by serializer {@code id} through the extension.
   *
   * @throws NotSerializableException as {@link #readPayload}; any other failure of the nested serializer is reported
   *     as one, with that failure as the cause
   */
  Object deserialize(ByteBuffer bytes, int id, String manifest, String where) throws NotSerializableException {
    int[] nesting = NESTING.get();
    if (nesting[1] >= MAX_NESTING) {
      throw new MalformedFrameException(where + ": payloads nested deeper than " + MAX_NESTING + " levels");
    }
    nesting[1]++;
    try {
      return serialization().deserializeByteBuffer(bytes, id, manifest);
    } catch (MalformedFrameException e) {
      throw e;
    } catch (NotSerializableException | RuntimeException e) {
      NotSerializableException n = new NotSerializableException(where + ": cannot read the enclosed message (serializer ["
          + id + "], manifest [" + manifest + "]): " + e.getMessage());
      n.initCause(e);
      throw n;
    } finally {
      nesting[1]--;
    }
  }

  /** The ref named by the nested {@code ActorRef{path}} message {@code r} reads. */
  ActorRef readActorRef(ProtoReader r, String where) {
    return resolve(readActorRefPath(r, where));
  }

  /** The path string of the nested {@code ActorRef{path}} message {@code r} reads. */
  static String readActorRefPath(ProtoReader r, String where) {
    String path = null;
    while (r.next()) {
      if (r.field() == ACTOR_REF_PATH) path = r.string();
      else r.skip();
    }
    if (path == null) throw ProtoReader.missing(where, "path");
    return path;
  }

  /** The ref for a wire path, through the provider: a local actor, a remote ref, or an empty ref (dead letters). */
  ActorRef resolve(String path) {
    try {
      return system.provider().resolveActorRef(path);
    } catch (IllegalArgumentException e) {
      throw new MalformedFrameException("actor path [" + path + "] cannot be resolved: " + e.getMessage(), e);
    }
  }

  /** True for the Java serializer, enabled or not. */
  static boolean isJava(Serializer s) {
    return s instanceof JavaSerializer || s instanceof DisabledJavaSerializer;
  }
}

package io.troupe.remote.serialization;

import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.dispatch.sysmsg.SystemMessage.Create;
import io.troupe.dispatch.sysmsg.SystemMessage.DeathWatchNotification;
import io.troupe.dispatch.sysmsg.SystemMessage.Failed;
import io.troupe.dispatch.sysmsg.SystemMessage.Recreate;
import io.troupe.dispatch.sysmsg.SystemMessage.Resume;
import io.troupe.dispatch.sysmsg.SystemMessage.Supervise;
import io.troupe.dispatch.sysmsg.SystemMessage.Suspend;
import io.troupe.dispatch.sysmsg.SystemMessage.Terminate;
import io.troupe.dispatch.sysmsg.SystemMessage.Unwatch;
import io.troupe.dispatch.sysmsg.SystemMessage.Watch;
import io.troupe.remote.codec.MalformedFrameException;
import io.troupe.remote.codec.ProtoReader;
import io.troupe.remote.codec.ProtoWriter;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.Serializer;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * System messages between cells on different nodes, byte for byte Pekko's {@code SystemMessageSerializer} (id 22, no
 * manifest; spec section 5.4). They travel inside a {@code SystemMessageEnvelope} (17/{@code j}): the association
 * calls {@link #toBinary(Object)}, the receiver {@code deserialize(bytes, 22, "")}.
 *
 * <pre>
 * message SystemMessage {
 *   required Type type = 1;   // CREATE 0, RECREATE 1, SUSPEND 2, RESUME 3, TERMINATE 4, SUPERVISE 5, WATCH 6,
 *                             // UNWATCH 7, FAILED 8, DEATHWATCH_NOTIFICATION 9
 *   optional WatchData watchData = 2;                  // WATCH, UNWATCH: {ActorRef watchee = 1; ActorRef watcher = 2}
 *   optional Payload causeData = 3;                    // CREATE (when it has a failure), RECREATE, RESUME, FAILED
 *   optional SuperviseData superviseData = 5;          // {ActorRef child = 1; bool async = 2}
 *   optional FailedData failedData = 6;                // {ActorRef child = 1; uint64 uid = 2}, uid sign-extended
 *   optional DeathWatchNotificationData dwNotificationData = 7;  // {ActorRef actor = 1; bool existenceConfirmed = 2;
 *                                                                //  bool addressTerminated = 3}
 * }
 * </pre>
 *
 * Causes are Payloads through the serialization extension; an exception without a serializer of its own becomes a
 * {@link ThrowableNotSerializableException} (what a supervisor here receives when a remote child fails with one).
 * Refs are {@code ActorRef{path}} with the wire path. Public only so that configuration can name it.
 */
public final class SystemMessageSerializer implements Serializer, ByteBufferSerializer {
  private static final int TYPE = 1, WATCH_DATA = 2, CAUSE_DATA = 3, SUPERVISE_DATA = 5, FAILED_DATA = 6,
      DW_NOTIFICATION_DATA = 7;
  private static final int CREATE = 0, RECREATE = 1, SUSPEND = 2, RESUME = 3, TERMINATE = 4, SUPERVISE = 5, WATCH = 6,
      UNWATCH = 7, FAILED = 8, DEATHWATCH_NOTIFICATION = 9;

  private final int identifier;
  private final PayloadCodec payloads;

  public SystemMessageSerializer(ExtendedActorSystem system) {
    this.identifier = system.settings().serialization().identifierFor(SystemMessageSerializer.class.getName());
    this.payloads = new PayloadCodec(system);
  }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    return EncodeBuffers.toArray(o, this::toBinary);
  }

  /** @throws IllegalArgumentException for anything but the system messages of spec section 5.4 */
  @Override
  public void toBinary(Object o, ByteBuffer b) {
    if (o instanceof Watch) {
      Watch w = (Watch) o;
      ProtoWriter.int32(b, TYPE, WATCH);
      writeWatchData(b, w.watchee(), w.watcher());
    } else if (o instanceof DeathWatchNotification) {
      DeathWatchNotification d = (DeathWatchNotification) o;
      ProtoWriter.int32(b, TYPE, DEATHWATCH_NOTIFICATION);
      long mark = ProtoWriter.beginNested(b, DW_NOTIFICATION_DATA);
      PayloadCodec.writeActorRef(b, 1, d.actor());
      ProtoWriter.bool(b, 2, d.existenceConfirmed());
      ProtoWriter.bool(b, 3, d.addressTerminated());
      ProtoWriter.endNested(b, mark);
    } else if (o instanceof Unwatch) {
      Unwatch w = (Unwatch) o;
      ProtoWriter.int32(b, TYPE, UNWATCH);
      writeWatchData(b, w.watchee(), w.watcher());
    } else if (o instanceof Supervise) {
      Supervise s = (Supervise) o;
      ProtoWriter.int32(b, TYPE, SUPERVISE);
      long mark = ProtoWriter.beginNested(b, SUPERVISE_DATA);
      PayloadCodec.writeActorRef(b, 1, s.child());
      ProtoWriter.bool(b, 2, s.async());
      ProtoWriter.endNested(b, mark);
    } else if (o instanceof Failed) {
      Failed f = (Failed) o;
      ProtoWriter.int32(b, TYPE, FAILED);
      payloads.writePayload(b, CAUSE_DATA, f.cause());
      long mark = ProtoWriter.beginNested(b, FAILED_DATA);
      PayloadCodec.writeActorRef(b, 1, f.child());
      ProtoWriter.uint64(b, 2, f.uid()); // the int is sign-extended: a negative uid takes 10 bytes, as in Pekko
      ProtoWriter.endNested(b, mark);
    } else if (o instanceof Recreate) {
      ProtoWriter.int32(b, TYPE, RECREATE);
      payloads.writePayload(b, CAUSE_DATA, ((Recreate) o).cause());
    } else if (o instanceof Terminate) {
      ProtoWriter.int32(b, TYPE, TERMINATE);
    } else if (o instanceof Suspend) {
      ProtoWriter.int32(b, TYPE, SUSPEND);
    } else if (o instanceof Resume) {
      ProtoWriter.int32(b, TYPE, RESUME);
      payloads.writePayload(b, CAUSE_DATA, ((Resume) o).causedByFailure());
    } else if (o instanceof Create) {
      ProtoWriter.int32(b, TYPE, CREATE);
      ActorInitializationException failure = ((Create) o).failure();
      if (failure != null) payloads.writePayload(b, CAUSE_DATA, failure);
    } else {
      throw new IllegalArgumentException("Cannot serialize [" + (o == null ? "null" : o.getClass().getName()) + "] with "
          + getClass().getName() + ": only Create, Recreate, Suspend, Resume, Terminate, Supervise, Watch, Unwatch, "
          + "Failed and DeathWatchNotification cross the network");
    }
  }

  private static void writeWatchData(ByteBuffer b, ActorRef watchee, ActorRef watcher) {
    long mark = ProtoWriter.beginNested(b, WATCH_DATA);
    PayloadCodec.writeActorRef(b, 1, watchee);
    PayloadCodec.writeActorRef(b, 2, watcher);
    ProtoWriter.endNested(b, mark);
  }

  // ------------------------------------------------------------------ read

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), "");
  }

  /**
   * @throws NotSerializableException when a cause cannot be read
   * @throws MalformedFrameException for bytes that are not a SystemMessage, or lack what its type needs
   */
  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    ProtoReader r = new ProtoReader(buf);
    int type = 0;
    boolean hasType = false;
    ProtoReader watchData = null, superviseData = null, failedData = null, dwData = null;
    Throwable cause = null;
    boolean hasCause = false;
    while (r.next()) {
      switch (r.field()) {
        case TYPE: type = r.int32(); hasType = true; break;
        case WATCH_DATA: watchData = r.nested(); break;
        case CAUSE_DATA:
          cause = ThrowableCodec.asThrowable(payloads.readPayload(r.nested(), "SystemMessage.causeData"),
              "SystemMessage.causeData");
          hasCause = true;
          break;
        case SUPERVISE_DATA: superviseData = r.nested(); break;
        case FAILED_DATA: failedData = r.nested(); break;
        case DW_NOTIFICATION_DATA: dwData = r.nested(); break;
        default: r.skip();
      }
    }
    if (!hasType) throw ProtoReader.missing("SystemMessage", "type");
    switch (type) {
      case CREATE:
        if (cause != null && !(cause instanceof ActorInitializationException)) {
          throw new NotSerializableException("SystemMessage CREATE: the cause is a [" + cause.getClass().getName()
              + "], expected an ActorInitializationException");
        }
        return new Create((ActorInitializationException) cause);
      case RECREATE: return new Recreate(requireCause(hasCause, cause, "RECREATE"));
      case SUSPEND: return new Suspend();
      case RESUME: return new Resume(requireCause(hasCause, cause, "RESUME"));
      case TERMINATE: return new Terminate();
      case SUPERVISE: return readSupervise(require(superviseData, "SUPERVISE", "superviseData"));
      case WATCH: {
        ActorRef[] refs = readWatchData(require(watchData, "WATCH", "watchData"));
        return new Watch(refs[0], refs[1]);
      }
      case UNWATCH: {
        ActorRef[] refs = readWatchData(require(watchData, "UNWATCH", "watchData"));
        return new Unwatch(refs[0], refs[1]);
      }
      case FAILED: return readFailed(require(failedData, "FAILED", "failedData"), requireCause(hasCause, cause, "FAILED"));
      case DEATHWATCH_NOTIFICATION:
        return readDeathWatchNotification(require(dwData, "DEATHWATCH_NOTIFICATION", "dwNotificationData"));
      default:
        throw new MalformedFrameException("SystemMessage: unknown type [" + type + "] (expected 0..9)");
    }
  }

  private static ProtoReader require(ProtoReader data, String type, String field) {
    if (data == null) throw ProtoReader.missing("SystemMessage " + type, field);
    return data;
  }

  /** RECREATE, RESUME and FAILED always carry causeData (a null cause is the null serializer's payload). */
  private static Throwable requireCause(boolean hasCause, Throwable cause, String type) {
    if (!hasCause) throw ProtoReader.missing("SystemMessage " + type, "causeData");
    return cause;
  }

  private ActorRef[] readWatchData(ProtoReader r) {
    ActorRef watchee = null, watcher = null;
    while (r.next()) {
      switch (r.field()) {
        case 1: watchee = payloads.readActorRef(r.nested(), "WatchData.watchee"); break;
        case 2: watcher = payloads.readActorRef(r.nested(), "WatchData.watcher"); break;
        default: r.skip();
      }
    }
    if (watchee == null) throw ProtoReader.missing("WatchData", "watchee");
    if (watcher == null) throw ProtoReader.missing("WatchData", "watcher");
    return new ActorRef[] {watchee, watcher};
  }

  private Supervise readSupervise(ProtoReader r) {
    ActorRef child = null;
    boolean async = false, hasAsync = false;
    while (r.next()) {
      switch (r.field()) {
        case 1: child = payloads.readActorRef(r.nested(), "SuperviseData.child"); break;
        case 2: async = r.bool(); hasAsync = true; break;
        default: r.skip();
      }
    }
    if (child == null) throw ProtoReader.missing("SuperviseData", "child");
    if (!hasAsync) throw ProtoReader.missing("SuperviseData", "async");
    return new Supervise(child, async);
  }

  private Failed readFailed(ProtoReader r, Throwable cause) {
    ActorRef child = null;
    long uid = 0;
    boolean hasUid = false;
    while (r.next()) {
      switch (r.field()) {
        case 1: child = payloads.readActorRef(r.nested(), "FailedData.child"); break;
        case 2: uid = r.uint64(); hasUid = true; break;
        default: r.skip();
      }
    }
    if (child == null) throw ProtoReader.missing("FailedData", "child");
    if (!hasUid) throw ProtoReader.missing("FailedData", "uid");
    return new Failed(child, cause, (int) uid);
  }

  private DeathWatchNotification readDeathWatchNotification(ProtoReader r) {
    ActorRef actor = null;
    boolean existenceConfirmed = false, addressTerminated = false, hasExistence = false, hasTerminated = false;
    while (r.next()) {
      switch (r.field()) {
        case 1: actor = payloads.readActorRef(r.nested(), "DeathWatchNotificationData.actor"); break;
        case 2: existenceConfirmed = r.bool(); hasExistence = true; break;
        case 3: addressTerminated = r.bool(); hasTerminated = true; break;
        default: r.skip();
      }
    }
    if (actor == null) throw ProtoReader.missing("DeathWatchNotificationData", "actor");
    if (!hasExistence) throw ProtoReader.missing("DeathWatchNotificationData", "existenceConfirmed");
    if (!hasTerminated) throw ProtoReader.missing("DeathWatchNotificationData", "addressTerminated");
    return new DeathWatchNotification(actor, existenceConfirmed, addressTerminated);
  }
}

package io.troupe.remote.artery;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.serialization.SystemMessageSerializer;
import io.troupe.serialization.Serializer;
import java.io.NotSerializableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real system-message serializer (id 22, Pekko's bytes) with a record of what it read: remoting deserializes an
 * envelope's message only when it delivers it, so the record is what reached recipients, in order, and tests see it as
 * soon as the remoting task that delivered it has run. Installed under the real one's name, so it keeps id 22.
 */
public final class RecordingSystemMessageSerializer implements Serializer {
  /** Config that puts it in place of troupe-system-msg. */
  public static final String CONFIG = "troupe.actor.serializers.troupe-system-msg = \""
      + RecordingSystemMessageSerializer.class.getName() + "\"\n";

  private final SystemMessageSerializer real;
  private final List<SystemMessage> deserialized = new CopyOnWriteArrayList<>();

  public RecordingSystemMessageSerializer(ExtendedActorSystem system) {
    this.real = new SystemMessageSerializer(system);
  }

  /** The system messages read so far, in order. */
  public List<SystemMessage> deserialized() {
    return List.copyOf(deserialized);
  }

  @Override
  public int identifier() {
    return real.identifier();
  }

  @Override
  public boolean includeManifest() {
    return real.includeManifest();
  }

  @Override
  public byte[] toBinary(Object o) {
    return real.toBinary(o);
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    Object m = real.fromBinary(bytes, manifest);
    if (m instanceof SystemMessage) deserialized.add((SystemMessage) m);
    return m;
  }
}

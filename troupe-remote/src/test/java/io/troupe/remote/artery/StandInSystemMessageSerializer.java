package io.troupe.remote.artery;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.Serializer;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stand-in for the system-message serializer (id 22, spec 5.4), which lives on another branch: a line-based
 * text form of Watch, Unwatch, DeathWatchNotification and Terminate, enough to drive system-message delivery over the
 * wire. It records what it deserialized, which is what remoting hands to recipients. Not Pekko's format. Remove it
 * from the tests' config once the real serializer is configured (both cannot have id 22).
 */
public final class StandInSystemMessageSerializer implements Serializer {
  /** Config lines that register it. */
  public static final String CONFIG = "troupe.actor.serializers.standin-sysmsg = \""
      + StandInSystemMessageSerializer.class.getName() + "\"\n";

  private final ExtendedActorSystem system;
  private final List<SystemMessage> deserialized = new CopyOnWriteArrayList<>();

  public StandInSystemMessageSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  /** The system messages read so far, in order. */
  public List<SystemMessage> deserialized() {
    return List.copyOf(deserialized);
  }

  @Override
  public int identifier() {
    return 22;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    String s;
    if (o instanceof SystemMessage.Watch) {
      SystemMessage.Watch w = (SystemMessage.Watch) o;
      s = "WATCH\n" + path(w.watchee()) + "\n" + path(w.watcher());
    } else if (o instanceof SystemMessage.Unwatch) {
      SystemMessage.Unwatch w = (SystemMessage.Unwatch) o;
      s = "UNWATCH\n" + path(w.watchee()) + "\n" + path(w.watcher());
    } else if (o instanceof SystemMessage.DeathWatchNotification) {
      SystemMessage.DeathWatchNotification d = (SystemMessage.DeathWatchNotification) o;
      s = "DWN\n" + path(d.actor()) + "\n" + d.existenceConfirmed() + "\n" + d.addressTerminated();
    } else if (o instanceof SystemMessage.Terminate) {
      s = "TERMINATE";
    } else {
      throw new IllegalArgumentException("the stand-in system-message serializer cannot write " + o);
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String path(ActorRef ref) {
    return Serialization.serializedActorPath(ref);
  }

  private ActorRef ref(String path) {
    return system.provider().resolveActorRef(path);
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    String[] l = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    SystemMessage m;
    switch (l[0]) {
      case "WATCH": m = new SystemMessage.Watch(ref(l[1]), ref(l[2])); break;
      case "UNWATCH": m = new SystemMessage.Unwatch(ref(l[1]), ref(l[2])); break;
      case "DWN": m = new SystemMessage.DeathWatchNotification(ref(l[1]), Boolean.parseBoolean(l[2]), Boolean.parseBoolean(l[3])); break;
      case "TERMINATE": m = new SystemMessage.Terminate(); break;
      default: throw new NotSerializableException("unknown stand-in system message [" + l[0] + "]");
    }
    deserialized.add(m);
    return m;
  }
}

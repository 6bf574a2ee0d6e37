package io.troupe.remote;

import com.typesafe.config.Config;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;

/** Public access to the helpers of {@link RemoteMessagingTest} for tests in other packages. */
public final class RemoteMessagingTestSupport {
  private RemoteMessagingTestSupport() {}

  public static Config config() { return RemoteMessagingTest.config(); }

  public static ActorRef remoteRef(ActorSystem from, ActorSystem to, String path) {
    return RemoteMessagingTest.remoteRef(from, to, path);
  }

  /** Echoes every message to its sender. */
  public static class Echo extends RemoteMessagingTest.Echo {}
}

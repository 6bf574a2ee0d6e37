package io.troupe.remote;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.testkit.javadsl.TestKit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The nodes and sockets of one component test over loopback, stopped together by {@link #close()} (from the test's
 * {@code @AfterEach}): sockets and listeners first, then the actor systems.
 */
public final class TestNodes implements AutoCloseable {
  private final List<ActorSystem> systems = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

  /** A node with the component tests' configuration ({@link RemoteMessagingTestSupport#config()}) and {@code extra}. */
  public ActorSystem start(String name, String extra) {
    ActorSystem s = ActorSystem.create(name, ConfigFactory.parseString(extra).withFallback(RemoteMessagingTest.config()));
    systems.add(s);
    return s;
  }

  /** Closes {@code c} with the nodes. */
  public <T extends AutoCloseable> T closeLater(T c) {
    closeables.add(c);
    return c;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closeables) c.close();
    for (ActorSystem s : systems) TestKit.shutdownActorSystem(s);
  }
}

package io.troupe.testkit;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.testkit.javadsl.TestKit;

/** A named probe: a {@link TestKit} with {@link #ref()}. */
public class TestProbe extends TestKit {
  public TestProbe(ActorSystem system) {
    super(system);
  }

  public ActorRef ref() { return getRef(); }
}

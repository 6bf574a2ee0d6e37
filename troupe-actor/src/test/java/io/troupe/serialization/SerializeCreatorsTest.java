package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.messages.TestMessages;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Deploy;
import io.troupe.actor.LocalScope;
import io.troupe.actor.Props;
import io.troupe.pattern.Patterns;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code troupe.actor.serialize-creators}: actorOf checks that the Props' arguments survive serialization. */
class SerializeCreatorsTest {

  /** Takes one argument of any type and replies with its class name. */
  public static final class WithArg extends AbstractActor {
    private final Object arg;

    public WithArg(Object arg) { this.arg = arg; }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(arg.getClass().getName(), getSelf())).build();
    }
  }

  @Test
  void onABadArgumentFailsActorOfNamingThePathAndTheClass() throws Exception {
    ActorSystem system = Systems.create("SerializeCreatorsOn", "troupe.actor.serialize-creators = on");
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> system.actorOf(Props.create(WithArg.class, new TestMessages.Unbound()), "bad"));
      assertTrue(e.getMessage().contains("/user/bad"), e.getMessage());
      assertTrue(e.getMessage().contains("argument 0 of class [" + TestMessages.Unbound.class.getName() + "]"),
          e.getMessage());
      assertTrue(e.getMessage().contains("troupe.actor.serialize-creators"), e.getMessage());

      // the name was not taken by the failed attempt, and a serializable argument passes
      ActorRef good = system.actorOf(Props.create(WithArg.class, "a string"), "bad");
      assertEquals(String.class.getName(),
          Patterns.ask(good, "which", Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS));

      // Props deployed locally are never sent, so not checked
      assertNotNull(system.actorOf(Props.create(WithArg.class, new TestMessages.Unbound())
          .withDeploy(new Deploy(LocalScope.getInstance())), "local"));

      // a Creator needs Java serialization, as in Pekko
      assertThrows(IllegalArgumentException.class,
          () -> system.actorOf(Props.create(WithArg.class, () -> new WithArg("x")), "creator"));
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void offByDefaultAnyArgumentIsAccepted() {
    ActorSystem system = ActorSystem.create("SerializeCreatorsOff");
    try {
      assertNotNull(system.actorOf(Props.create(WithArg.class, new TestMessages.Unbound()), "any"));
    } finally {
      Systems.terminate(system);
    }
  }
}

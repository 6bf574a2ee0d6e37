package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.messages.TestMessages;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.pattern.Patterns;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code troupe.actor.serialize-messages}: every local message makes a serialization round trip before delivery. */
class SerializeMessagesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Replies with the very object it received. */
  public static final class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  private static Object ask(ActorRef ref, Object msg) throws Exception {
    return Patterns.ask(ref, msg, TIMEOUT).toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void onANonSerializableMessageFailsTheTellNamingTheClassAndSettings() throws Exception {
    ActorSystem system = Systems.create("SerializeMessagesOn", Systems.TEST_SERIALIZERS
        + "troupe.actor.serialize-messages = on");
    try {
      ActorRef echo = system.actorOf(Props.create(Echo.class), "echo");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> echo.tell(new TestMessages.Unbound(), ActorRef.noSender()));
      assertTrue(e.getMessage().contains("[" + TestMessages.Unbound.class.getName() + "]"), e.getMessage());
      assertTrue(e.getMessage().contains("troupe.actor.serialization-bindings"), e.getMessage());
      assertTrue(e.getMessage().contains("troupe.actor.serialize-messages"), e.getMessage());

      // Java-serializable is not enough while Java serialization is off
      IllegalArgumentException j = assertThrows(IllegalArgumentException.class,
          () -> echo.tell(new TestMessages.JavaOnly("x"), ActorRef.noSender()));
      assertTrue(j.getMessage().contains("allow-java-serialization"), j.getMessage());

      // a serializer that throws is reported with the serializer's name
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
          () -> echo.tell(new TestMessages.Exploding(), ActorRef.noSender()));
      assertTrue(x.getMessage().contains("[exploding]") && x.getMessage().contains("boom"), x.getMessage());
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void onTheActorReceivesTheDeserializedCopy() throws Exception {
    ActorSystem system = Systems.create("SerializeMessagesCopy", Systems.TEST_SERIALIZERS
        + "troupe.actor.serialize-messages = on");
    try {
      ActorRef echo = system.actorOf(Props.create(Echo.class), "echo");
      TestMessages.Text sent = new TestMessages.Text("hi");
      Object received = ask(echo, sent);
      assertEquals(sent, received);
      assertNotSame(sent, received, "the actor got the serializer's copy");
      assertEquals("hello", ask(echo, "hello"));
      assertEquals(42L, ask(echo, 42L));

      TestMessages.LocalOnly local = new TestMessages.LocalOnly();
      assertSame(local, ask(echo, local), "NoSerializationVerificationNeeded is delivered as is");
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void offByDefaultAnyMessageIsDeliveredAsIs() throws Exception {
    ActorSystem system = ActorSystem.create("SerializeMessagesOff");
    try {
      ActorRef echo = system.actorOf(Props.create(Echo.class), "echo");
      TestMessages.Unbound m = new TestMessages.Unbound();
      assertSame(m, ask(echo, m));
      assertInstanceOf(TestMessages.Unbound.class, m);
    } finally {
      Systems.terminate(system);
    }
  }
}

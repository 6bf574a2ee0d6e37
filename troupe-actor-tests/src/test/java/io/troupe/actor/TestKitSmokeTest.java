package io.troupe.actor;

import io.troupe.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestKitSmokeTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("TestKitSmokeTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  static class Echo extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  @Test
  void echoesAndReportsTermination() {
    TestKit probe = new TestKit(system);
    ActorRef echo = system.actorOf(Props.create(Echo.class));
    probe.send(echo, "ping");
    probe.expectMsg("ping");
    probe.watch(echo);
    echo.tell(PoisonPill.getInstance(), ActorRef.noSender());
    probe.expectTerminated(echo);
  }
}

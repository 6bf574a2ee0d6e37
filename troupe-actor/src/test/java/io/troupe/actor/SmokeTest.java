package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.*;

import io.troupe.pattern.Patterns;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeTest {
  static class Echo extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().match(String.class, s -> getSender().tell("echo:" + s, getSelf())).build();
    }
  }

  @Test
  void askEchoAndTerminate() throws Exception {
    ActorSystem sys = ActorSystem.create("smoke");
    try {
      ActorRef e = sys.actorOf(Props.create(Echo.class), "echo");
      assertEquals("echo:hi", Patterns.ask(e, "hi", Duration.ofSeconds(3)).toCompletableFuture().get(3, TimeUnit.SECONDS));
      ActorRef r = sys.actorSelection("/user/echo").resolveOne(Duration.ofSeconds(3)).toCompletableFuture().get(3, TimeUnit.SECONDS);
      assertEquals(e, r);
      assertEquals("troupe://smoke/user/echo", e.path().toString());
    } finally {
      sys.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}

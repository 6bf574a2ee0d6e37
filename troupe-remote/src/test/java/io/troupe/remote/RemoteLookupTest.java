package io.troupe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorNotFound;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Identify;
import io.troupe.actor.Props;
import io.troupe.actor.Status;
import io.troupe.pattern.Patterns;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Looking actors up and talking to them across two systems over loopback (over tcp and tls-tcp, see {@link RemoteMessagingTest#config()}). */
class RemoteLookupTest {
  ActorSystem a;
  ActorSystem b;
  String bAddress;

  @BeforeEach
  void start() {
    a = ActorSystem.create("A", RemoteMessagingTest.config());
    b = ActorSystem.create("B", RemoteMessagingTest.config());
    bAddress = RemoteMessagingTest.address(b).toString();
    b.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
    b.actorOf(Props.create(Forwarder.class), "forwarder");
  }

  @AfterEach
  void stop() {
    TestKit.shutdownActorSystem(a);
    TestKit.shutdownActorSystem(b);
  }

  /** Replies to the ActorRef carried in the message, not to the sender. */
  public static class Forwarder extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().match(ActorRef.class, replyTo -> replyTo.tell("via-ref", getSelf())).build();
    }
  }

  @Test
  void shouldTellThroughASelection() {
    TestKit probe = new TestKit(a);
    a.actorSelection(bAddress + "/user/echo").tell("sel", probe.getRef());
    probe.expectMsg(Duration.ofSeconds(10), "sel");
  }

  @Test
  void shouldAnswerIdentifyWithTheRefOrNothing() {
    TestKit probe = new TestKit(a);
    a.actorSelection(bAddress + "/user/echo").tell(new Identify("id-1"), probe.getRef());
    ActorIdentity found = probe.expectMsgClass(Duration.ofSeconds(10), ActorIdentity.class);
    assertEquals("id-1", found.correlationId());
    assertEquals(bAddress + "/user/echo", found.getActorRef().orElseThrow().path().toString());
    a.actorSelection(bAddress + "/user/nobody").tell(new Identify(42L), probe.getRef());
    ActorIdentity missing = probe.expectMsgClass(Duration.ofSeconds(10), ActorIdentity.class);
    assertEquals(42L, missing.correlationId());
    assertTrue(missing.getActorRef().isEmpty());
  }

  @Test
  void shouldResolveOneOrFailWithActorNotFound() throws Exception {
    ActorRef echo = a.actorSelection(bAddress + "/user/echo").resolveOne(Duration.ofSeconds(10))
        .toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertTrue(echo.path().uid() != 0, "a resolved ref names the incarnation");
    ExecutionException e = assertThrows(ExecutionException.class, () -> a.actorSelection(bAddress + "/user/nobody")
        .resolveOne(Duration.ofSeconds(10)).toCompletableFuture().get(15, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ActorNotFound, e.getCause().toString());
  }

  @Test
  void shouldAskAcrossNodesAndCarryStatusFailures() throws Exception {
    ActorRef echo = a.actorSelection(bAddress + "/user/echo").resolveOne(Duration.ofSeconds(10))
        .toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertEquals("q", Patterns.ask(echo, "q", Duration.ofSeconds(10)).toCompletableFuture().get(15, TimeUnit.SECONDS));
    assertEquals(7L, Patterns.ask(echo, 7L, Duration.ofSeconds(10)).toCompletableFuture().get(15, TimeUnit.SECONDS));
    ExecutionException e = assertThrows(ExecutionException.class, () -> Patterns.ask(echo,
        new Status.Failure(new IllegalStateException("boom")), Duration.ofSeconds(10)).toCompletableFuture().get(15, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("boom"), e.getCause().toString());
  }

  @Test
  void shouldReplyToAnActorRefCarriedInAMessage() {
    TestKit probe = new TestKit(a);
    a.actorSelection(bAddress + "/user/forwarder").tell(probe.getRef(), ActorRef.noSender());
    probe.expectMsg(Duration.ofSeconds(10), "via-ref");
    assertEquals(RemoteMessagingTest.address(b), probe.getLastSender().path().address());
  }

  @Test
  void shouldTalkWithThePekkoProtocolNameAndRefuseUnacceptedProtocols() {
    String pekko = "troupe.remote.protocol-name = pekko\ntroupe.remote.accept-protocol-names = [pekko]\n";
    ActorSystem p1 = ActorSystem.create("P1", ConfigFactory.parseString(pekko).withFallback(RemoteMessagingTest.config()));
    ActorSystem p2 = ActorSystem.create("P2", ConfigFactory.parseString(pekko).withFallback(RemoteMessagingTest.config()));
    try {
      Address p2Address = RemoteMessagingTest.address(p2);
      assertEquals("pekko", p2Address.protocol());
      p2.actorOf(Props.create(RemoteMessagingTest.Echo.class), "echo");
      TestKit probe = new TestKit(p1);
      p1.actorSelection(p2Address + "/user/echo").tell("over-pekko", probe.getRef());
      probe.expectMsg(Duration.ofSeconds(10), "over-pekko");
      // a troupe-protocol node does not accept pekko:// paths by default: they resolve to dead letters
      TestKit deadProbe = new TestKit(a);
      a.eventStream().subscribe(deadProbe.getRef(), io.troupe.actor.DeadLetter.class);
      a.actorSelection(p2Address + "/user/echo").tell("refused", ActorRef.noSender());
      deadProbe.fishForMessage(Duration.ofSeconds(10), "the refused message as a dead letter",
          m -> m instanceof io.troupe.actor.DeadLetter && "refused".equals(((io.troupe.actor.DeadLetter) m).message()));
    } finally {
      TestKit.shutdownActorSystem(p1);
      TestKit.shutdownActorSystem(p2);
    }
  }
}

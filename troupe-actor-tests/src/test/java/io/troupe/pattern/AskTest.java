package io.troupe.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.actor.Status;
import io.troupe.actor.internal.LocalActorRefProvider;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Patterns.ask, pipe and gracefulStop, and the temp refs behind them. */
class AskTest {
  private static ActorSystem system;
  private static ExecutorService executor;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create("AskTest");
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "ask-test-pipe"));
  }

  @AfterAll
  static void tearDown() {
    executor.shutdownNow();
    TestKit.shutdownActorSystem(system);
  }

  /** Replies "echo:x" to strings, Status.Failure to "fail", Status.Success to "success", nothing to "ignore". */
  static final class Responder extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("ignore", m -> {})
          // using the temp ref's path registers it under /temp (plain local asks never need the path)
          .matchEquals("path-ignore", m -> getSender().path())
          .matchEquals("path-echo", m -> getSender().tell(getSender().path().toString(), getSelf()))
          .matchEquals("fail", m -> getSender().tell(new Status.Failure(new IllegalStateException("boom")), getSelf()))
          .matchEquals("success", m -> getSender().tell(new Status.Success("wrapped"), getSelf()))
          .match(String.class, s -> getSender().tell("echo:" + s, getSelf()))
          .build();
    }
  }

  /** Records postStop in a flag; ignores every message except PoisonPill (which the cell handles). */
  static final class Stoppable extends AbstractActor {
    private final AtomicBoolean postStopRan;

    Stoppable(AtomicBoolean postStopRan) { this.postStopRan = postStopRan; }

    @Override public Receive createReceive() { return receiveBuilder().matchAny(m -> {}).build(); }

    @Override public void postStop() { postStopRan.set(true); }
  }

  private static LocalActorRefProvider provider() {
    return (LocalActorRefProvider) ((ExtendedActorSystem) system).provider();
  }

  private static Throwable failure(CompletionStage<?> stage) {
    CompletableFuture<?> f = stage.toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  private static <T> T result(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void awaitNoTempActors(TestKit probe) {
    probe.awaitCond(Duration.ofSeconds(3), Duration.ofMillis(10), "temp actors left: " + provider().tempActorCount(),
        () -> provider().tempActorCount() == 0);
  }

  @Test
  void shouldCompleteWithReplyWhenTargetAnswers() throws Exception {
    ActorRef r = system.actorOf(Props.create(Responder.class));
    assertEquals("echo:hi", result(Patterns.ask(r, "hi", Duration.ofSeconds(3))));
    assertEquals("wrapped", result(Patterns.ask(r, "success", Duration.ofSeconds(3))), "Status.Success is unwrapped");
  }

  @Test
  void shouldFailWithCauseWhenReplyIsStatusFailure() {
    ActorRef r = system.actorOf(Props.create(Responder.class));
    Throwable t = failure(Patterns.ask(r, "fail", Duration.ofSeconds(3)));
    assertInstanceOf(IllegalStateException.class, t);
    assertEquals("boom", t.getMessage());
  }

  @Test
  void shouldFailWithAskTimeoutNamingTargetWhenNoReply() {
    ActorRef r = system.actorOf(Props.create(Responder.class), "silent-target");
    Throwable t = failure(Patterns.ask(r, "ignore", Duration.ofMillis(200)));
    assertInstanceOf(AskTimeoutException.class, t);
    assertTrue(t.getMessage().contains("/user/silent-target"), t.getMessage());
    assertTrue(t.getMessage().contains(String.class.getName()), "names the message type: " + t.getMessage());
  }

  @Test
  void shouldFailAtOnceWhenTargetAlreadyTerminated() {
    TestKit probe = new TestKit(system);
    ActorRef r = system.actorOf(Props.create(Responder.class), "dead-target");
    probe.watch(r);
    system.stop(r);
    probe.expectTerminated(r);
    // a long timeout: the stage must fail because the target is dead, not because the timeout passed
    CompletableFuture<Object> f = Patterns.ask(r, "hi", Duration.ofMinutes(5)).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
    assertInstanceOf(AskTimeoutException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("/user/dead-target"), e.getCause().getMessage());
  }

  @Test
  void shouldFailWithIllegalArgumentWhenTimeoutIsNotPositive() {
    ActorRef r = system.actorOf(Props.create(Responder.class));
    Throwable t = failure(Patterns.ask(r, "hi", Duration.ZERO));
    assertInstanceOf(IllegalArgumentException.class, t);
  }

  @Test
  void shouldCompleteWithReplyWhenAskingSelection() throws Exception {
    system.actorOf(Props.create(Responder.class), "selected-responder");
    assertEquals("echo:sel", result(Patterns.ask(system.actorSelection("/user/selected-responder"), "sel", Duration.ofSeconds(3))));
    Throwable t = failure(Patterns.ask(system.actorSelection("/user/selected-responder"), "ignore", Duration.ofMillis(200)));
    assertInstanceOf(AskTimeoutException.class, t);
    assertTrue(t.getMessage().contains("/user/selected-responder"), t.getMessage());
  }

  @Test
  void shouldDeliverValueWhenPipedFutureSucceeds() {
    TestKit probe = new TestKit(system);
    CompletableFuture<String> f = new CompletableFuture<>();
    Patterns.pipe(f, executor).to(probe.getRef());
    probe.expectNoMessage();
    f.complete("piped");
    probe.expectMsg("piped");
  }

  @Test
  void shouldDeliverStatusFailureWhenPipedFutureFails() {
    TestKit probe = new TestKit(system);
    IllegalStateException cause = new IllegalStateException("pipe failed");
    CompletableFuture<String> f = new CompletableFuture<>();
    Patterns.pipe(f.thenApply(s -> s + "!"), executor).to(probe.getRef());
    f.completeExceptionally(cause);
    Status.Failure failure = probe.expectMsgClass(Status.Failure.class);
    assertSame(cause, failure.cause(), "the cause is unwrapped from CompletionException");
  }

  @Test
  void shouldPipeOnGivenExecutorWhenFutureCompletes() {
    TestKit probe = new TestKit(system);
    CompletableFuture<String> f = new CompletableFuture<>();
    ActorRef recorder = system.actorOf(Props.create(ThreadRecorder.class, probe.getRef()));
    Patterns.pipe(f, r -> executor.execute(() -> {
      recorder.tell(Thread.currentThread().getName(), ActorRef.noSender());
      r.run();
    })).to(probe.getRef());
    f.complete("v");
    probe.expectMsgAllOf("ask-test-pipe", "v");
  }

  static final class ThreadRecorder extends AbstractActor {
    private final ActorRef probe;

    ThreadRecorder(ActorRef probe) { this.probe = probe; }

    @Override public Receive createReceive() { return receiveBuilder().matchAny(m -> probe.tell(m, getSelf())).build(); }
  }

  @Test
  void shouldCompleteTrueAfterPostStopWhenGracefullyStopped() throws Exception {
    TestKit probe = new TestKit(system);
    AtomicBoolean postStopRan = new AtomicBoolean();
    ActorRef r = system.actorOf(Props.create(Stoppable.class, postStopRan));
    probe.watch(r);
    CompletionStage<Boolean> stopped = Patterns.gracefulStop(r, Duration.ofSeconds(3));
    assertEquals(Boolean.TRUE, result(stopped.thenApply(b -> b && postStopRan.get())), "postStop ran before completion");
    probe.expectTerminated(r);
    awaitNoTempActors(probe);
  }

  @Test
  void shouldCompleteTrueWhenGracefullyStoppingDeadActor() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef r = system.actorOf(Props.create(Stoppable.class, new AtomicBoolean()));
    probe.watch(r);
    system.stop(r);
    probe.expectTerminated(r);
    assertEquals(Boolean.TRUE, result(Patterns.gracefulStop(r, Duration.ofSeconds(3))));
  }

  @Test
  void shouldFailWithAskTimeoutWhenStopMessageIsIgnored() {
    TestKit probe = new TestKit(system);
    AtomicBoolean postStopRan = new AtomicBoolean();
    ActorRef r = system.actorOf(Props.create(Stoppable.class, postStopRan));
    Throwable t = failure(Patterns.gracefulStop(r, Duration.ofMillis(200), "please-stop"));
    assertInstanceOf(AskTimeoutException.class, t);
    // the actor is still alive
    probe.send(r, new io.troupe.actor.Identify("alive"));
    assertEquals(r, probe.expectMsgClass(io.troupe.actor.ActorIdentity.class).getActorRef().orElseThrow());
    assertEquals(false, postStopRan.get());
    awaitNoTempActors(probe);
  }

  @Test
  void shouldRemoveTempRefsWhenAsksCompleteSucceedOrTimeOut() throws Exception {
    TestKit probe = new TestKit(system);
    awaitNoTempActors(probe);
    ActorRef r = system.actorOf(Props.create(Responder.class));

    // a registered temp ref is visible while its ask is pending
    CompletableFuture<Object> pending = Patterns.ask(r, "path-ignore", Duration.ofSeconds(2)).toCompletableFuture();
    probe.awaitCond(Duration.ofSeconds(2), Duration.ofMillis(10), "temp ref not registered", () -> provider().tempActorCount() >= 1);

    String tempPath = (String) result(Patterns.ask(r, "path-echo", Duration.ofSeconds(3)));
    assertTrue(tempPath.contains("/temp/"), tempPath);

    CompletableFuture<?>[] all = new CompletableFuture<?>[60];
    for (int i = 0; i < all.length; i++) {
      String msg = i % 3 == 0 ? "path-ignore" : i % 3 == 1 ? "fail" : "path-echo";
      all[i] = Patterns.ask(r, msg, Duration.ofMillis(300)).toCompletableFuture().exceptionally(e -> e);
    }
    CompletableFuture.allOf(all).get(10, TimeUnit.SECONDS);
    assertInstanceOf(AskTimeoutException.class, failure(pending));
    awaitNoTempActors(probe);
    assertEquals("echo:last", result(Patterns.ask(r, "last", Duration.ofSeconds(3))));
    awaitNoTempActors(probe);
  }

  @Test
  void shouldSendLateReplyToDeadLettersWhenAskTimedOut() {
    TestKit probe = new TestKit(system);
    system.eventStream().subscribe(probe.getRef(), io.troupe.actor.DeadLetter.class);
    try {
      TestKit target = new TestKit(system);
      CompletionStage<Object> f = Patterns.ask(target.getRef(), "question", Duration.ofMillis(100));
      target.expectMsg("question");
      assertInstanceOf(AskTimeoutException.class, failure(f));
      target.reply("late answer");
      io.troupe.actor.DeadLetter d = (io.troupe.actor.DeadLetter) probe.fishForMessage(Duration.ofSeconds(3), "late reply",
          m -> m instanceof io.troupe.actor.DeadLetter && "late answer".equals(((io.troupe.actor.DeadLetter) m).message()));
      assertEquals(target.getRef(), d.sender());
    } finally {
      system.eventStream().unsubscribe(probe.getRef());
    }
  }
}

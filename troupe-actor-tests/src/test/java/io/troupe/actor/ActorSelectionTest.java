package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Actor selection: absolute, URI and relative paths, wildcards, Identify, resolveOne and malformed input. */
class ActorSelectionTest {
  private static final String SYSTEM_NAME = "ActorSelectionTest";
  private static ActorSystem system;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create(SYSTEM_NAME);
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
  }

  /** Reports every message to the probe with its own name; creates children on request; selects on request. */
  static final class Node extends AbstractActor {
    private final ActorRef probe;

    Node(ActorRef probe) { this.probe = probe; }

    record Spawn(String name) {}

    record SelectAndTell(String path, Object msg) {}

    record SelectAndForward(String path, Object msg) {}

    record Got(String name, Object msg) {}

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Spawn.class, s -> getSender().tell(getContext().actorOf(Props.create(Node.class, probe), s.name()), getSelf()))
          .match(SelectAndTell.class, s -> getContext().actorSelection(s.path()).tell(s.msg(), getSelf()))
          .match(SelectAndForward.class, s -> getContext().actorSelection(s.path()).forward(s.msg(), getContext()))
          .match(ActorSelection.class, s -> getSender().tell(s, getSelf()))
          .matchEquals("selection-of-child", m -> getSender().tell(getContext().actorSelection("child"), getSelf()))
          .matchAny(m -> probe.tell(new Got(getSelf().path().name(), m), getSender()))
          .build();
    }
  }

  private static ActorRef top(TestKit probe, String name) {
    return system.actorOf(Props.create(Node.class, probe.getRef()), name);
  }

  private static ActorRef child(TestKit probe, ActorRef parent, String name) {
    probe.send(parent, new Node.Spawn(name));
    return probe.expectMsgClass(ActorRef.class);
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Set<String> receiveNames(TestKit probe, int n) {
    Set<String> names = new HashSet<>();
    for (Object o : probe.receiveN(n)) names.add(((Node.Got) o).name());
    return names;
  }

  @Test
  void shouldDeliverToNestedActorWhenSelectedByAbsolutePath() {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "abs-a");
    child(probe, a, "b");
    system.actorSelection("/user/abs-a/b").tell("hello", probe.getRef());
    probe.expectMsg(new Node.Got("b", "hello"));
    assertEquals(probe.getRef(), probe.getLastSender(), "the selection keeps the sender");
  }

  @Test
  void shouldDeliverWhenSelectedByFullUri() {
    TestKit probe = new TestKit(system);
    top(probe, "uri-a");
    system.actorSelection("troupe://" + SYSTEM_NAME + "/user/uri-a").tell("by-uri", probe.getRef());
    probe.expectMsg(new Node.Got("uri-a", "by-uri"));
  }

  @Test
  void shouldDeliverWhenSelectedByActorPath() {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "by-path-a");
    system.actorSelection(a.path()).tell("by-path", probe.getRef());
    probe.expectMsg(new Node.Got("by-path-a", "by-path"));
  }

  @Test
  void shouldSendToDeadLettersWhenUriNamesAnotherSystem() {
    TestKit probe = new TestKit(system);
    top(probe, "other-sys-a");
    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    try {
      system.actorSelection("troupe://SomeOtherSystem/user/other-sys-a").tell("lost", probe.getRef());
      DeadLetter d = (DeadLetter) probe.fishForMessage(Duration.ofSeconds(3), "dead letter",
          m -> m instanceof DeadLetter && "lost".equals(((DeadLetter) m).message()));
      assertEquals(probe.getRef(), d.sender());
    } finally {
      system.eventStream().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldResolveRelativeChildWhenSelectedFromContext() {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "rel-a");
    child(probe, a, "kid");
    probe.send(a, new Node.SelectAndTell("kid", "to-kid"));
    probe.expectMsg(new Node.Got("kid", "to-kid"));
    assertEquals(a, probe.getLastSender());
  }

  @Test
  void shouldResolveSiblingWhenSelectedWithParentStep() {
    TestKit probe = new TestKit(system);
    ActorRef p = top(probe, "sib-parent");
    ActorRef x = child(probe, p, "x");
    child(probe, p, "y");
    probe.send(x, new Node.SelectAndTell("../y", "hi-sibling"));
    probe.expectMsg(new Node.Got("y", "hi-sibling"));
    assertEquals(x, probe.getLastSender());
  }

  @Test
  void shouldReachEverySiblingAndSelfWhenSelectedWithParentWildcard() {
    TestKit probe = new TestKit(system);
    ActorRef p = top(probe, "wild-parent");
    ActorRef s1 = child(probe, p, "s1");
    child(probe, p, "s2");
    child(probe, p, "s3");
    probe.send(s1, new Node.SelectAndTell("../*", "all"));
    assertEquals(Set.of("s1", "s2", "s3"), receiveNames(probe, 3));
    probe.expectNoMessage();
  }

  @Test
  void shouldReachEveryMatchingActorWhenSelectedWithStarAndQuestionMark() {
    TestKit probe = new TestKit(system);
    ActorRef p = top(probe, "glob");
    for (String n : List.of("worker-1", "worker-2", "worker-10", "other")) child(probe, p, n);

    system.actorSelection("/user/glob/worker-*").tell("star", ActorRef.noSender());
    assertEquals(Set.of("worker-1", "worker-2", "worker-10"), receiveNames(probe, 3));
    probe.expectNoMessage();

    system.actorSelection("/user/glob/worker-?").tell("question", ActorRef.noSender());
    assertEquals(Set.of("worker-1", "worker-2"), receiveNames(probe, 2));
    probe.expectNoMessage();

    system.actorSelection("/user/gl?b/*").tell("nested", ActorRef.noSender());
    assertEquals(Set.of("worker-1", "worker-2", "worker-10", "other"), receiveNames(probe, 4));
    probe.expectNoMessage();
  }

  @Test
  void shouldPublishDeadLetterWhenTellingNonExistingPath() {
    TestKit probe = new TestKit(system);
    top(probe, "dl-a");
    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    try {
      system.actorSelection("/user/dl-a/missing").tell("nobody-home", probe.getRef());
      DeadLetter d = (DeadLetter) probe.fishForMessage(Duration.ofSeconds(3), "dead letter",
          m -> m instanceof DeadLetter && "nobody-home".equals(((DeadLetter) m).message()));
      assertEquals(probe.getRef(), d.sender());
      assertEquals("/user/dl-a/missing", d.recipient().path().toStringWithoutAddress());

      system.actorSelection("/user/no-such-top/deeper").tell("also-lost", ActorRef.noSender());
      DeadLetter d2 = (DeadLetter) probe.fishForMessage(Duration.ofSeconds(3), "dead letter",
          m -> m instanceof DeadLetter && "also-lost".equals(((DeadLetter) m).message()));
      assertEquals(system.deadLetters(), d2.sender(), "no sender is reported as dead letters");
    } finally {
      system.eventStream().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldAnswerIdentifyWithRefAndCorrelationIdWhenSelectionMatches() {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "ident-a");
    ActorRef b = child(probe, a, "b");
    system.actorSelection("/user/ident-a/b").tell(new Identify("corr-1"), probe.getRef());
    ActorIdentity id = probe.expectMsgClass(ActorIdentity.class);
    assertEquals("corr-1", id.correlationId());
    assertEquals(b, id.getActorRef().orElseThrow());
    assertEquals(b, probe.getLastSender());
  }

  @Test
  void shouldAnswerIdentifyWithEmptyRefWhenNothingMatches() {
    TestKit probe = new TestKit(system);
    top(probe, "ident-empty");
    system.actorSelection("/user/ident-empty/nope").tell(new Identify(42), probe.getRef());
    ActorIdentity id = probe.expectMsgClass(ActorIdentity.class);
    assertEquals(42, id.correlationId());
    assertFalse(id.getActorRef().isPresent());

    system.actorSelection("/user/ident-empty/n*").tell(new Identify(43), probe.getRef());
    ActorIdentity viaPattern = probe.expectMsgClass(ActorIdentity.class);
    assertEquals(43, viaPattern.correlationId());
    assertFalse(viaPattern.getActorRef().isPresent());

    system.actorSelection("/user/never-created").tell(new Identify(44), probe.getRef());
    assertEquals(new ActorIdentity(44, java.util.Optional.empty()), probe.expectMsgClass(ActorIdentity.class));
  }

  @Test
  void shouldReportMissBelowWildcardWhenPatternMatchedOneActor() throws Exception {
    // as in Pekko, misses are silent only after a real fan-out (more than one match); below a single match they are
    // reported like any other miss: an empty ActorIdentity, ActorNotFound, a dead letter
    TestKit probe = new TestKit(system);
    ActorRef p = top(probe, "single-match");
    child(probe, p, "only");
    system.actorSelection("/user/single-match/o*/missing").tell(new Identify("one"), probe.getRef());
    assertEquals(new ActorIdentity("one", java.util.Optional.empty()), probe.expectMsgClass(ActorIdentity.class));

    CompletableFuture<ActorRef> f = system.actorSelection("/user/single-match/?nly/missing")
        .resolveOne(Duration.ofSeconds(3)).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
    assertInstanceOf(ActorNotFound.class, e.getCause());

    system.eventStream().subscribe(probe.getRef(), DeadLetter.class);
    try {
      system.actorSelection("/user/single-match/*/missing").tell("lost-below-single-match", probe.getRef());
      probe.fishForMessage(Duration.ofSeconds(3), "dead letter",
          m -> m instanceof DeadLetter && "lost-below-single-match".equals(((DeadLetter) m).message()));
    } finally {
      system.eventStream().unsubscribe(probe.getRef());
    }
  }

  @Test
  void shouldStaySilentForMissesWhenPatternFannedOut() {
    TestKit probe = new TestKit(system);
    ActorRef p = top(probe, "fan-miss");
    child(probe, p, "c1");
    child(probe, p, "c2");
    system.actorSelection("/user/fan-miss/*/missing").tell(new Identify("fan"), probe.getRef());
    probe.expectNoMessage();
  }

  @Test
  void shouldWalkUpAndDownWhenAbsolutePathContainsParentSteps() {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "updown-a");
    top(probe, "updown-b");
    ActorRef c = child(probe, a, "c");
    system.actorSelection("/user/updown-a/../updown-b").tell("via-parent", ActorRef.noSender());
    probe.expectMsg(new Node.Got("updown-b", "via-parent"));
    probe.send(c, new Node.SelectAndTell("../../updown-b", "two-up"));
    probe.expectMsg(new Node.Got("updown-b", "two-up"));
  }

  @Test
  void shouldAnswerIdentifyFromEveryMatchWhenSelectionHasWildcard() {
    TestKit probe = new TestKit(system);
    ActorRef p = top(probe, "ident-wild");
    ActorRef c1 = child(probe, p, "c1");
    ActorRef c2 = child(probe, p, "c2");
    system.actorSelection("/user/ident-wild/*").tell(new Identify("w"), probe.getRef());
    Set<ActorRef> refs = new HashSet<>();
    for (Object o : probe.receiveN(2)) refs.add(((ActorIdentity) o).getActorRef().orElseThrow());
    assertEquals(Set.of(c1, c2), refs);
  }

  /** An actor whose behaviour handles nothing still answers Identify. */
  static final class Silent extends AbstractActor {
    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  @Test
  void shouldAnswerIdentifySentDirectlyWhenBehaviourHandlesNothing() {
    TestKit probe = new TestKit(system);
    ActorRef silent = system.actorOf(Props.create(Silent.class));
    probe.send(silent, new Identify("direct"));
    assertEquals(new ActorIdentity("direct", java.util.Optional.of(silent)), probe.expectMsgClass(ActorIdentity.class));

    ExtendedActorSystem ext = (ExtendedActorSystem) system;
    for (ActorRef r : List.of(ext.guardian(), ext.systemGuardian(), probe.getRef())) {
      probe.send(r, new Identify(r.path().name()));
      ActorIdentity id = probe.expectMsgClass(ActorIdentity.class);
      assertEquals(r.path().name(), id.correlationId());
      assertEquals(r, id.getActorRef().orElseThrow());
    }

    probe.send(system.deadLetters(), new Identify("dl"));
    assertEquals(new ActorIdentity("dl", java.util.Optional.empty()), probe.expectMsgClass(ActorIdentity.class));
  }

  @Test
  void shouldCompleteResolveOneWithRefWhenActorExists() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "resolve-a");
    ActorRef b = child(probe, a, "b");
    assertEquals(b, await(system.actorSelection("/user/resolve-a/b").resolveOne(Duration.ofSeconds(3))));
    assertEquals(b, await(system.actorSelection("troupe://" + SYSTEM_NAME + "/user/resolve-a/b").resolveOne(Duration.ofSeconds(3))));
    ActorRef viaPattern = await(system.actorSelection("/user/resolve-a/?").resolveOne(Duration.ofSeconds(3)));
    assertEquals(b, viaPattern);
  }

  @Test
  void shouldFailResolveOneWithActorNotFoundWhenNothingMatches() {
    ActorSelection sel = system.actorSelection("/user/resolve-nothing/here");
    CompletableFuture<ActorRef> f = sel.resolveOne(Duration.ofSeconds(3)).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
    ActorNotFound nf = assertInstanceOf(ActorNotFound.class, e.getCause());
    assertEquals(sel, nf.selection());
    assertTrue(nf.getMessage().contains("/user/resolve-nothing/here"), nf.getMessage());
  }

  @Test
  void shouldReportPathStringAndAnchorPathWhenSelectionIsAbsoluteOrRelative() {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "paths-a");
    ActorSelection abs = system.actorSelection("/user/paths-a/b");
    assertEquals("/user/paths-a/b", abs.pathString());
    assertEquals(((ExtendedActorSystem) system).provider().rootPath(), abs.anchorPath());

    ActorSelection uri = system.actorSelection("troupe://" + SYSTEM_NAME + "/user/paths-a");
    assertEquals("/user/paths-a", uri.pathString());
    assertEquals("troupe://" + SYSTEM_NAME + "/", uri.anchorPath().toString());

    probe.send(a, "selection-of-child");
    ActorSelection rel = probe.expectMsgClass(ActorSelection.class);
    assertEquals("/child", rel.pathString());
    assertEquals(a.path(), rel.anchorPath());
  }

  @Test
  void shouldThrowIllegalArgumentWhenSelectionUriIsMalformed() {
    for (String bad : List.of("troupe://", "troupe://sys@host/user/a", "troupe://sys@host:notaport/user/a",
        "troupe://sys name/user/a", "troupe:///user/a")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> system.actorSelection(bad), bad);
      assertTrue(e.getMessage().contains(bad), "message names the input: " + e.getMessage());
    }
  }

  @Test
  void shouldSelectByUriWithConfiguredProtocolWhenProtocolNameIsPekko() throws Exception {
    ActorSystem pekkoNamed = ActorSystem.create("PekkoNamed", com.typesafe.config.ConfigFactory.parseString(
        "troupe.remote.protocol-name = pekko").withFallback(com.typesafe.config.ConfigFactory.load()));
    try {
      TestKit probe = new TestKit(pekkoNamed);
      ActorRef a = pekkoNamed.actorOf(Props.create(Node.class, probe.getRef()), "a");
      assertEquals("pekko://PekkoNamed/user/a", a.path().toString());
      assertEquals(a, await(pekkoNamed.actorSelection("pekko://PekkoNamed/user/a").resolveOne(Duration.ofSeconds(3))));
      pekkoNamed.actorSelection("troupe://PekkoNamed/user/a").tell(new Identify("other-protocol"), probe.getRef());
      assertFalse(probe.expectMsgClass(ActorIdentity.class).getActorRef().isPresent(), "troupe:// is another address");
    } finally {
      TestKit.shutdownActorSystem(pekkoNamed);
    }
  }

  @Test
  void shouldKeepOriginalSenderWhenSelectionForwards() {
    TestKit probe = new TestKit(system);
    ActorRef a = top(probe, "fwd-a");
    child(probe, a, "b");
    probe.send(a, new Node.SelectAndForward("b", "forwarded"));
    probe.expectMsg(new Node.Got("b", "forwarded"));
    assertEquals(probe.getRef(), probe.getLastSender());
  }
}

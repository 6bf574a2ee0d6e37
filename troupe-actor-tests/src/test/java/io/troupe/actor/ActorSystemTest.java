package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Creating, configuring and terminating an actor system. */
class ActorSystemTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final List<ActorSystem> systems = new ArrayList<>();

  @AfterEach
  void shutdown() {
    for (ActorSystem s : systems) TestKit.shutdownActorSystem(s);
  }

  private ActorSystem newSystem(String name) {
    ActorSystem s = ActorSystem.create(name);
    systems.add(s);
    return s;
  }

  private static String uniqueName(String prefix) {
    return prefix + SEQ.incrementAndGet();
  }

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load());
  }

  static class Echo extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  // ------------------------------------------------------------------ names

  @ParameterizedTest
  @ValueSource(strings = {"abc", "A1", "my-system", "my_system", "9lives"})
  void shouldAcceptNameWhenMadeOfWordCharacters(String name) {
    ActorSystem s = newSystem(name);
    assertEquals(name, s.name());
    assertEquals("troupe://" + name, ((ExtendedActorSystem) s).provider().getDefaultAddress().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-leading-dash", "_leading_underscore", "has space", "dotted.name", "dollar$", "slash/name", "ümlaut"})
  void shouldRejectNameWhenNotMadeOfWordCharacters(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> newSystem(name));
    assertTrue(e.getMessage().contains("[" + name + "]"), e.getMessage());
    assertTrue(e.getMessage().contains("[a-zA-Z0-9]"), e.getMessage());
  }

  @Test
  void shouldRejectNameWhenNull() {
    assertThrows(IllegalArgumentException.class, () -> ActorSystem.create(null, ConfigFactory.load()));
  }

  // ------------------------------------------------------------------ configuration errors

  private static ConfigurationException createFails(String hocon) {
    String name = uniqueName("ConfigError");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> {
      ActorSystem s = ActorSystem.create(name, config(hocon));
      s.terminate(); // not reached when the test passes
    });
    assertNotNull(e.getMessage());
    return e;
  }

  @Test
  void shouldFailCreateWhenThroughputIsZero() {
    ConfigurationException e = createFails("troupe.actor.default-dispatcher.throughput = 0");
    assertTrue(e.getMessage().contains("troupe.actor.default-dispatcher.throughput"), e.getMessage());
    assertTrue(e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenThroughputIsNotANumber() {
    ConfigurationException e = createFails("troupe.actor.default-dispatcher.throughput = lots");
    assertTrue(e.getMessage().contains("troupe.actor.default-dispatcher"), e.getMessage());
    assertTrue(e.getMessage().contains("throughput"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenPoolSizeIsNotANumber() {
    ConfigurationException e = createFails("troupe.actor.default-dispatcher.fork-join-executor.parallelism-min = eight");
    assertTrue(e.getMessage().contains("troupe.actor.default-dispatcher"), e.getMessage());
    assertTrue(e.getMessage().contains("parallelism-min"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenBooleanSettingHasWrongType() {
    ConfigurationException e = createFails("troupe.daemonic = sometimes");
    assertTrue(e.getMessage().contains("troupe.daemonic"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenSectionHasWrongType() {
    ConfigurationException e = createFails("troupe.actor.default-dispatcher = 5");
    assertTrue(e.getMessage().contains("troupe.actor.default-dispatcher"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenDurationIsMalformed() {
    ConfigurationException e = createFails("troupe.log-dead-letters-suspend-duration = soon");
    assertTrue(e.getMessage().contains("troupe.log-dead-letters-suspend-duration"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenProviderClassIsUnknown() {
    ConfigurationException e = createFails("troupe.actor.provider = com.example.NoSuchProvider");
    assertTrue(e.getMessage().contains("troupe.actor.provider"), e.getMessage());
    assertTrue(e.getMessage().contains("com.example.NoSuchProvider"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenProviderIsNotAProvider() {
    ConfigurationException e = createFails("troupe.actor.provider = java.lang.String");
    assertTrue(e.getMessage().contains("troupe.actor.provider"), e.getMessage());
  }

  @Test
  void shouldFailCreateNamingTheModuleWhenProviderIsRemoteWithoutRemoteModule() {
    ConfigurationException e = createFails("troupe.actor.provider = remote");
    assertTrue(e.getMessage().contains("troupe.actor.provider"), e.getMessage());
    assertTrue(e.getMessage().contains("troupe-remote"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenGuardianStrategyClassIsUnknown() {
    ConfigurationException e = createFails("troupe.actor.guardian-supervisor-strategy = com.example.NoSuchStrategy");
    assertTrue(e.getMessage().contains("troupe.actor.guardian-supervisor-strategy"), e.getMessage());
    assertTrue(e.getMessage().contains("com.example.NoSuchStrategy"), e.getMessage());
  }

  @Test
  void shouldFailCreateWhenGuardianStrategyIsNotAConfigurator() {
    ConfigurationException e = createFails("troupe.actor.guardian-supervisor-strategy = java.lang.Object");
    assertTrue(e.getMessage().contains("troupe.actor.guardian-supervisor-strategy"), e.getMessage());
    assertTrue(e.getMessage().contains("SupervisorStrategyConfigurator"), e.getMessage());
  }

  @Test
  void shouldLeaveNoThreadsWhenCreateFails() {
    String name = uniqueName("FailedStart");
    assertThrows(ConfigurationException.class,
        () -> ActorSystem.create(name, config("troupe.actor.provider = com.example.NoSuchProvider")));
    // a healthy system to drive awaitCond with
    ActorSystem probeSystem = newSystem(uniqueName("Observer"));
    new TestKit(probeSystem).awaitCond(Duration.ofSeconds(5), () -> liveThreads(name).isEmpty());
  }

  // ------------------------------------------------------------------ guardians and well-known paths

  @Test
  void shouldHaveUserAndSystemGuardiansWhenStarted() throws Exception {
    String name = uniqueName("Guardians");
    ActorSystem s = newSystem(name);
    ExtendedActorSystem ext = (ExtendedActorSystem) s;
    assertEquals("troupe://" + name + "/user", ext.guardian().path().toString());
    assertEquals("troupe://" + name + "/system", ext.systemGuardian().path().toString());
    assertEquals("troupe://" + name + "/", ext.provider().rootPath().toString());
    ActorRef user = s.actorSelection("/user").resolveOne(Duration.ofSeconds(3)).toCompletableFuture().get(3, TimeUnit.SECONDS);
    ActorRef sys = s.actorSelection("/system").resolveOne(Duration.ofSeconds(3)).toCompletableFuture().get(3, TimeUnit.SECONDS);
    assertEquals(ext.guardian(), user);
    assertEquals(ext.systemGuardian(), sys);
    ActorRef top = s.actorOf(Props.create(Echo.class), "top");
    assertEquals(ext.guardian().path(), top.path().parent());
    assertEquals(s.child("top"), top.path());
  }

  @Test
  void shouldNameDeadLettersUnderRootWhenStarted() {
    String name = uniqueName("DeadLetters");
    ActorSystem s = newSystem(name);
    assertEquals("troupe://" + name + "/deadLetters", s.deadLetters().path().toString());
    assertEquals("deadLetters", s.deadLetters().path().name());
  }

  // ------------------------------------------------------------------ termination

  @Test
  void shouldCompleteBothFuturesWhenTerminated() throws Exception {
    ActorSystem s = newSystem(uniqueName("Terminate"));
    s.actorOf(Props.create(Echo.class), "a");
    Terminated t = s.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertNotNull(t);
    assertTrue(s.getWhenTerminated().toCompletableFuture().isDone());
    assertEquals(t, s.getWhenTerminated().toCompletableFuture().get(0, TimeUnit.SECONDS));
    // terminate again is harmless and returns the completed future
    assertTrue(s.terminate().toCompletableFuture().isDone());
  }

  @Test
  void shouldRunTerminationCallbacksInReverseOrderWhenTerminated() throws Exception {
    ActorSystem s = newSystem(uniqueName("Callbacks"));
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    s.registerOnTermination(() -> ran.add(1));
    s.registerOnTermination(() -> ran.add(2));
    s.registerOnTermination(() -> ran.add(3));
    assertTrue(ran.isEmpty());
    s.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(3, 2, 1), ran);
  }

  @Test
  void shouldRunLaterCallbacksWhenAnEarlierOneThrows() throws Exception {
    ActorSystem s = newSystem(uniqueName("FailingCallback"));
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    s.registerOnTermination(() -> ran.add(1));
    s.registerOnTermination(() -> {
      throw new IllegalStateException("boom in callback (expected by the test)");
    });
    s.registerOnTermination(() -> ran.add(3));
    s.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(3, 1), ran);
  }

  @Test
  void shouldRejectTerminationCallbackWhenAlreadyTerminated() throws Exception {
    ActorSystem s = newSystem(uniqueName("LateCallback"));
    s.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.registerOnTermination(() -> {}));
    assertTrue(e.getMessage().contains(s.name()), e.getMessage());
  }

  @Test
  void shouldEndAllThreadsWhenTerminated() throws Exception {
    String name = uniqueName("Threads");
    ActorSystem s = newSystem(name);
    TestKit probe = new TestKit(s);
    ActorRef echo = s.actorOf(Props.create(Echo.class));
    probe.send(echo, "warm up");
    probe.expectMsg("warm up");
    s.scheduler().scheduleOnce(Duration.ofMillis(1), echo, "tick", s.dispatcher(), probe.getRef());
    probe.expectMsg("tick");
    assertFalse(liveThreads(name).isEmpty(), "the system should have started threads named after it");
    s.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    ActorSystem observer = newSystem(uniqueName("Observer"));
    new TestKit(observer).awaitCond(Duration.ofSeconds(10), Duration.ofMillis(20),
        "threads of " + name + " still alive: " + liveThreads(name), () -> liveThreads(name).isEmpty());
  }

  @Test
  void shouldRefuseActorOfWhenTerminated() throws Exception {
    ActorSystem s = newSystem(uniqueName("NoMoreActors"));
    s.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThrows(IllegalStateException.class, () -> s.actorOf(Props.create(Echo.class)));
    assertThrows(IllegalStateException.class, () -> s.actorOf(Props.create(Echo.class), "named"));
  }

  @Test
  void shouldStopUserActorsWhenTerminated() throws Exception {
    ActorSystem s = newSystem(uniqueName("StopsActors"));
    List<String> stopped = Collections.synchronizedList(new ArrayList<>());
    s.actorOf(Props.create(Recorder.class, "a", stopped), "a");
    s.actorOf(Props.create(Recorder.class, "b", stopped), "b");
    s.terminate().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(2, stopped.size(), stopped.toString());
    assertTrue(stopped.containsAll(List.of("a", "b")), stopped.toString());
  }

  /** Throws the Error it is sent: the /user guardian's default strategy escalates Errors. */
  static class ErrorThrower extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder().match(Error.class, e -> {
        throw e;
      }).build();
    }
  }

  @Test
  void shouldTerminateWhenUserGuardianFails() throws Exception {
    ActorSystem s = newSystem(uniqueName("GuardianFails"));
    List<String> stopped = Collections.synchronizedList(new ArrayList<>());
    s.actorOf(Props.create(Recorder.class, "bystander", stopped), "bystander");
    s.actorOf(Props.create(ErrorThrower.class)).tell(new AssertionError("escalated past /user (expected by the test)"),
        ActorRef.noSender());
    s.getWhenTerminated().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of("bystander"), stopped);
  }

  static class Recorder extends AbstractActor {
    private final String name;
    private final List<String> stopped;

    Recorder(String name, List<String> stopped) {
      this.name = name;
      this.stopped = stopped;
    }

    @Override public void postStop() { stopped.add(name); }

    @Override public Receive createReceive() { return receiveBuilder().build(); }
  }

  private static List<String> liveThreads(String systemName) {
    List<String> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(systemName + "-")) out.add(t.getName());
    }
    return out;
  }
}

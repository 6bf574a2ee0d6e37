package io.troupe.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.testkit.javadsl.TestKit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dispatchers from configuration: custom ids, pinned threads, fixed-size thread pools, and missing ids. */
class DispatcherConfigTest {
  private static final String SYSTEM_NAME = "DispatcherConfigTest";
  private static ActorSystem system;

  @BeforeAll
  static void setUp() {
    system = ActorSystem.create(SYSTEM_NAME, ConfigFactory.parseString(String.join("\n",
        "my-dispatcher {",
        "  type = Dispatcher",
        "  executor = fork-join-executor",
        "  fork-join-executor { parallelism-min = 2, parallelism-max = 2 }",
        "  throughput = 1",
        "}",
        "app.dispatchers.io { type = Dispatcher, executor = thread-pool-executor }",
        "pinned-dispatcher { type = PinnedDispatcher, executor = thread-pool-executor }",
        "fixed-pool { type = Dispatcher, executor = thread-pool-executor, thread-pool-executor { fixed-pool-size = 3 } }",
        "bad-type { type = NoSuchDispatcherType }",
        "bad-executor { type = Dispatcher, executor = no-such-executor }",
        "bad-throughput { type = Dispatcher, throughput = lots }"))
        .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void tearDown() {
    TestKit.shutdownActorSystem(system);
  }

  /** Answers "thread" with its thread's name; "block" waits at the barrier it was given. */
  static final class ThreadReporter extends AbstractActor {
    private final CyclicBarrier barrier;

    ThreadReporter(CyclicBarrier barrier) { this.barrier = barrier; }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("thread", m -> getSender().tell(Thread.currentThread().getName(), getSelf()))
          .matchEquals("thread-id", m -> getSender().tell(Thread.currentThread().getId(), getSelf()))
          .matchEquals("block", m -> {
            barrier.await(10, TimeUnit.SECONDS);
            getSender().tell("passed:" + Thread.currentThread().getName(), getSelf());
          })
          .matchEquals("context-dispatcher", m -> {
            ActorRef replyTo = getSender();
            getContext().getDispatcher().execute(() -> replyTo.tell("future:" + Thread.currentThread().getName(), ActorRef.noSender()));
          })
          .build();
    }
  }

  private static Props reporter(String dispatcher) {
    Props p = Props.create(ThreadReporter.class, (CyclicBarrier) null);
    return dispatcher == null ? p : p.withDispatcher(dispatcher);
  }

  private static String threadOf(TestKit probe, ActorRef a) {
    probe.send(a, "thread");
    return probe.expectMsgClass(String.class);
  }

  @Test
  void shouldRunOnConfiguredDispatcherThreadsWhenPropsNameIt() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(reporter("my-dispatcher"));
    for (int i = 0; i < 5; i++) {
      String t = threadOf(probe, a);
      assertTrue(t.contains("my-dispatcher"), t);
      assertTrue(t.startsWith(SYSTEM_NAME), t);
    }
    ActorRef io = system.actorOf(reporter("app.dispatchers.io"));
    String t = threadOf(probe, io);
    assertTrue(t.contains("app.dispatchers.io"), t);
  }

  @Test
  void shouldRunOnDefaultDispatcherWhenPropsNameNone() {
    TestKit probe = new TestKit(system);
    String t = threadOf(probe, system.actorOf(reporter(null)));
    assertTrue(t.contains("default-dispatcher"), t);
    String t2 = threadOf(probe, system.actorOf(reporter(Dispatchers.DEFAULT_DISPATCHER_ID)));
    assertTrue(t2.contains("default-dispatcher"), t2);
  }

  @Test
  void shouldRunTasksOnActorsDispatcherWhenUsingContextDispatcher() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(reporter("my-dispatcher"));
    probe.send(a, "context-dispatcher");
    String t = probe.expectMsgClass(String.class);
    assertTrue(t.startsWith("future:") && t.contains("my-dispatcher"), t);
  }

  @Test
  void shouldGiveEachActorItsOwnThreadWhenDispatcherIsPinned() {
    TestKit probe = new TestKit(system);
    List<ActorRef> actors = List.of(system.actorOf(reporter("pinned-dispatcher")), system.actorOf(reporter("pinned-dispatcher")),
        system.actorOf(reporter("pinned-dispatcher")));
    Set<Long> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ActorRef a : actors) {
      Set<Long> own = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        probe.send(a, "thread-id");
        own.add(probe.expectMsgClass(Long.class));
      }
      assertEquals(1, own.size(), "a pinned actor always runs on the same thread: " + own);
      ids.addAll(own);
      String name = threadOf(probe, a);
      assertTrue(name.contains("pinned-dispatcher"), name);
      names.add(name);
    }
    assertEquals(3, ids.size(), "each pinned actor has its own thread: " + ids);
    assertEquals(3, names.size(), "the pinned threads have distinct names: " + names);
  }

  @Test
  void shouldEndPinnedThreadWhenActorStops() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(reporter("pinned-dispatcher"));
    String name = threadOf(probe, a);
    assertTrue(threadAlive(name), name);
    probe.watch(a);
    system.stop(a);
    probe.expectTerminated(a);
    probe.awaitCond(Duration.ofSeconds(5), Duration.ofMillis(20), "pinned thread " + name + " still alive",
        () -> !threadAlive(name));
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @Test
  void shouldRunAtMostFixedPoolSizeActorsAtOnceWhenThreadPoolIsFixed() throws Exception {
    TestKit probe = new TestKit(system);
    // three actors can only pass a three-party barrier together if the pool has three threads
    CyclicBarrier three = new CyclicBarrier(3);
    List<ActorRef> actors = List.of(system.actorOf(Props.create(ThreadReporter.class, three).withDispatcher("fixed-pool")),
        system.actorOf(Props.create(ThreadReporter.class, three).withDispatcher("fixed-pool")),
        system.actorOf(Props.create(ThreadReporter.class, three).withDispatcher("fixed-pool")));
    for (ActorRef a : actors) probe.send(a, "block");
    Set<String> threads = new HashSet<>();
    for (Object o : probe.receiveN(3, Duration.ofSeconds(10))) threads.add(((String) o).substring("passed:".length()));
    assertEquals(3, threads.size(), threads.toString());

    // many more actors and messages never make the pool grow beyond three threads
    for (int i = 0; i < 12; i++) {
      ActorRef a = system.actorOf(reporter("fixed-pool"));
      for (int j = 0; j < 3; j++) threads.add(threadOf(probe, a));
    }
    assertEquals(3, threads.size(), "threads of a fixed pool of 3: " + threads);
    for (String t : threads) assertTrue(t.contains("fixed-pool"), t);
  }

  @Test
  void shouldFailActorOfWithConfigurationExceptionNamingIdWhenDispatcherMissing() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> system.actorOf(reporter("no-such-dispatcher")));
    assertTrue(e.getMessage().contains("no-such-dispatcher"), e.getMessage());

    ConfigurationException nested = assertThrows(ConfigurationException.class,
        () -> system.actorOf(reporter("app.dispatchers.missing")));
    assertTrue(nested.getMessage().contains("app.dispatchers.missing"), nested.getMessage());
  }

  @Test
  void shouldFailActorOfWithConfigurationExceptionWhenDispatcherTypeOrExecutorUnknown() {
    ConfigurationException type = assertThrows(ConfigurationException.class, () -> system.actorOf(reporter("bad-type")));
    assertTrue(type.getMessage().contains("bad-type") && type.getMessage().contains("NoSuchDispatcherType"), type.getMessage());
    ConfigurationException exec = assertThrows(ConfigurationException.class, () -> system.actorOf(reporter("bad-executor")));
    assertTrue(exec.getMessage().contains("bad-executor") && exec.getMessage().contains("no-such-executor"), exec.getMessage());
  }

  @Test
  void shouldFailActorOfWithConfigurationExceptionNamingIdAndKeyWhenValueHasWrongType() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> system.actorOf(reporter("bad-throughput")));
    assertTrue(e.getMessage().contains("bad-throughput") && e.getMessage().contains("throughput"), e.getMessage());
  }

  @Test
  void shouldLeaveNameFreeWhenActorOfFailsForMissingDispatcher() {
    TestKit probe = new TestKit(system);
    assertThrows(ConfigurationException.class, () -> system.actorOf(reporter("no-such-dispatcher"), "retry-name"));
    ActorRef a = system.actorOf(reporter("my-dispatcher"), "retry-name");
    assertNotEquals("", threadOf(probe, a));
  }

  @Test
  void shouldFailSystemStartWithConfigurationExceptionWhenDefaultDispatcherInvalid() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ActorSystem.create("DispatcherConfigTest-bad",
        ConfigFactory.parseString("troupe.actor.default-dispatcher.throughput = 0").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("throughput"), e.getMessage());
  }

  @Test
  void shouldQueueFurtherActorsWhenFixedPoolThreadsAreBusy() {
    // a fourth actor waits for a free thread of the pool of three, and gets one once the others are released
    CountDownLatch release = new CountDownLatch(1);
    TestKit probe = new TestKit(system);
    for (int i = 0; i < 4; i++) {
      system.actorOf(Props.create(Latched.class, release, probe.getRef()).withDispatcher("fixed-pool")).tell("go", ActorRef.noSender());
    }
    assertEquals(List.of("entered", "entered", "entered"), probe.receiveN(3, Duration.ofSeconds(10)));
    probe.expectNoMessage(Duration.ofMillis(200)); // the fourth cannot enter while three threads are blocked
    release.countDown();
    probe.expectMsg(Duration.ofSeconds(10), "entered");
  }

  static final class Latched extends AbstractActor {
    private final CountDownLatch release;
    private final ActorRef probe;

    Latched(CountDownLatch release, ActorRef probe) {
      this.release = release;
      this.probe = probe;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchEquals("go", m -> {
        probe.tell("entered", getSelf());
        release.await(10, TimeUnit.SECONDS);
      }).build();
    }
  }
}

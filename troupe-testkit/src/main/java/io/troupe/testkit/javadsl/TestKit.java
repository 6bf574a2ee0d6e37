package io.troupe.testkit.javadsl;

import com.typesafe.config.Config;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.pattern.Patterns;
import io.troupe.testkit.TestActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A probe for testing actors: an actor ({@link #getRef()}) whose messages the test thread inspects with
 * {@code expectMsg} and friends, each waiting at most a deadline. Timeouts default to
 * {@code troupe.test.single-expect-default} scaled by {@code troupe.test.timefactor}; inside {@link #within} they are
 * bounded by the block's deadline. Use one TestKit per test thread.
 */
public class TestKit {
  private static final AtomicInteger ID = new AtomicInteger();

  private final ActorSystem system;
  private final BlockingDeque<TestActor.Message> queue = new LinkedBlockingDeque<>();
  private final ActorRef testActor;
  private final double timeFactor;
  private final Duration singleExpectDefault;
  private final Duration expectNoMessageDefault;
  private long endNanos = Long.MAX_VALUE; // deadline of the innermost within block
  private TestActor.Message lastMessage;

  public TestKit(ActorSystem system) {
    this.system = Objects.requireNonNull(system, "system");
    Config c = system.settings().config();
    this.timeFactor = c.getDouble("troupe.test.timefactor");
    this.singleExpectDefault = c.getDuration("troupe.test.single-expect-default");
    this.expectNoMessageDefault = c.getDuration("troupe.test.expect-no-message-default");
    this.testActor = ((ExtendedActorSystem) system).systemActorOf(
        Props.create(TestActor.class, queue), "testActor-" + ID.incrementAndGet());
  }

  public ActorRef getRef() { return testActor; }
  public ActorRef getTestActor() { return testActor; }
  public ActorSystem getSystem() { return system; }

  /** The sender of the last message received by {@code expectMsg} and friends. */
  public ActorRef getLastSender() { return lastMessage == null ? system.deadLetters() : lastMessage.sender(); }
  public ActorRef lastSender() { return getLastSender(); }

  /** {@code d} scaled by {@code troupe.test.timefactor}. */
  public Duration dilated(Duration d) {
    return Duration.ofNanos((long) (d.toNanos() * timeFactor));
  }

  /** Time left in the innermost {@link #within} block, else the (dilated) default expect timeout. */
  public Duration getRemainingOrDefault() {
    return endNanos == Long.MAX_VALUE ? dilated(singleExpectDefault) : getRemaining();
  }

  public Duration remainingOrDefault() { return getRemainingOrDefault(); }

  /** Time left in the innermost {@link #within} block. */
  public Duration getRemaining() {
    if (endNanos == Long.MAX_VALUE) throw new AssertionError("getRemaining() called outside of within()");
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  public Duration getRemainingOr(Duration d) {
    return endNanos == Long.MAX_VALUE ? d : getRemaining();
  }

  private Duration bounded(Duration max) {
    if (endNanos == Long.MAX_VALUE) return max;
    Duration r = getRemaining();
    return r.compareTo(max) < 0 ? r : max;
  }

  /** True when a message is waiting. */
  public boolean msgAvailable() { return !queue.isEmpty(); }

  // ------------------------------------------------------------------ sending

  /** Sends {@code msg} to {@code actor} with the test actor as sender. */
  public void send(ActorRef actor, Object msg) { actor.tell(msg, testActor); }

  /** Replies to the sender of the last received message. */
  public void reply(Object msg) { getLastSender().tell(msg, testActor); }

  /** Forwards the last received message to {@code actor}, keeping its sender. */
  public void forward(ActorRef actor) {
    if (lastMessage == null) throw new AssertionError("forward(): no message received yet");
    actor.tell(lastMessage.msg(), lastMessage.sender());
  }

  // ------------------------------------------------------------------ receiving

  /** The next message within {@code max}, or null. {@code Duration.ZERO} polls without waiting. */
  public Object receiveOne(Duration max) {
    TestActor.Message m;
    try {
      if (max.isZero() || max.isNegative()) m = queue.pollFirst();
      else m = queue.pollFirst(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a message", e);
    }
    if (m != null) lastMessage = m;
    return m == null ? null : m.msg();
  }

  private Object receiveOrFail(Duration max, String what) {
    Object o = receiveOne(max);
    if (o == null) throw new AssertionError("timeout (" + pretty(max) + ") during " + what);
    return o;
  }

  private static String pretty(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " seconds" : ms + " milliseconds";
  }

  public <T> T expectMsg(T obj) { return expectMsg(getRemainingOrDefault(), obj); }

  public <T> T expectMsg(Duration max, T obj) { return expectMsg(max, obj, "expectMsg"); }

  public <T> T expectMsg(Duration max, T obj, String hint) {
    Object o = receiveOrFail(bounded(max), hint + " while waiting for " + obj);
    if (!Objects.equals(obj, o)) throw new AssertionError("expected " + obj + ", found " + o);
    @SuppressWarnings("unchecked")
    T t = (T) o;
    return t;
  }

  public <T> T expectMsgEquals(T obj) { return expectMsg(obj); }

  public <T> T expectMsgEquals(Duration max, T obj) { return expectMsg(max, obj); }

  public <T> T expectMsgClass(Class<T> c) { return expectMsgClass(getRemainingOrDefault(), c); }

  public <T> T expectMsgClass(Duration max, Class<T> c) {
    Object o = receiveOrFail(bounded(max), "expectMsgClass waiting for " + c.getName());
    if (!box(c).isInstance(o)) throw new AssertionError("expected " + c.getName() + ", found " + o.getClass().getName() + " (" + o + ")");
    return box(c).cast(o);
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<T> box(Class<T> c) {
    if (!c.isPrimitive()) return c;
    if (c == int.class) return (Class<T>) Integer.class;
    if (c == long.class) return (Class<T>) Long.class;
    if (c == boolean.class) return (Class<T>) Boolean.class;
    if (c == double.class) return (Class<T>) Double.class;
    return c;
  }

  @SafeVarargs
  public final <T> T expectMsgAnyClassOf(Class<? extends T>... classes) {
    return expectMsgAnyClassOf(getRemainingOrDefault(), classes);
  }

  @SafeVarargs
  public final <T> T expectMsgAnyClassOf(Duration max, Class<? extends T>... classes) {
    Object o = receiveOrFail(bounded(max), "expectMsgAnyClassOf waiting for any of " + Arrays.toString(classes));
    for (Class<? extends T> c : classes) {
      if (c.isInstance(o)) return c.cast(o);
    }
    throw new AssertionError("found unexpected " + o + " (expected one of " + Arrays.toString(classes) + ")");
  }

  public Object expectMsgAnyOf(Object... objs) { return expectMsgAnyOf(getRemainingOrDefault(), objs); }

  public Object expectMsgAnyOf(Duration max, Object... objs) {
    Object o = receiveOrFail(bounded(max), "expectMsgAnyOf waiting for any of " + Arrays.toString(objs));
    for (Object x : objs) if (Objects.equals(x, o)) return o;
    throw new AssertionError("found unexpected " + o + " (expected one of " + Arrays.toString(objs) + ")");
  }

  public List<Object> expectMsgAllOf(Object... objs) { return expectMsgAllOf(getRemainingOrDefault(), objs); }

  /** Receives {@code objs.length} messages and checks that they are {@code objs} in any order. */
  public List<Object> expectMsgAllOf(Duration max, Object... objs) {
    long deadline = System.nanoTime() + bounded(max).toNanos();
    List<Object> got = new ArrayList<>();
    for (int i = 0; i < objs.length; i++) {
      got.add(receiveOrFail(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
          "expectMsgAllOf waiting for " + Arrays.toString(objs) + " (received so far: " + got + ")"));
    }
    List<Object> missing = new ArrayList<>(Arrays.asList(objs));
    List<Object> unexpected = new ArrayList<>();
    for (Object g : got) if (!missing.remove(g)) unexpected.add(g);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new AssertionError("expectMsgAllOf: missing " + missing + ", unexpected " + unexpected);
    }
    return got;
  }

  /** Receives one message and applies {@code f}, which should throw (e.g. an assertion) when it is not the right one. */
  public <T> T expectMsgPF(String hint, Function<Object, T> f) { return expectMsgPF(getRemainingOrDefault(), hint, f); }

  public <T> T expectMsgPF(Duration max, String hint, Function<Object, T> f) {
    return f.apply(receiveOrFail(bounded(max), "expectMsgPF waiting for " + hint));
  }

  public void expectNoMessage() { expectNoMessage(dilated(expectNoMessageDefault)); }

  /** Waits {@code max} and fails when any message arrives meanwhile. */
  public void expectNoMessage(Duration max) {
    Object o = receiveOne(bounded(max));
    if (o != null) throw new AssertionError("received unexpected message " + o);
  }

  /** Pekko's older name of {@link #expectNoMessage(Duration)}. */
  public void expectNoMsg(Duration max) { expectNoMessage(max); }

  public Terminated expectTerminated(ActorRef target) { return expectTerminated(getRemainingOrDefault(), target); }

  /** Expects {@link Terminated} for {@code target} (watch it first with {@link #watch}). */
  public Terminated expectTerminated(Duration max, ActorRef target) {
    Object o = receiveOrFail(bounded(max), "expectTerminated waiting for Terminated(" + target + ")");
    if (!(o instanceof Terminated) || !((Terminated) o).getActor().equals(target)) {
      throw new AssertionError("expected Terminated(" + target + "), found " + o);
    }
    return (Terminated) o;
  }

  public List<Object> receiveN(int n) { return receiveN(n, getRemainingOrDefault()); }

  /** The next {@code n} messages, all within {@code max}. */
  public List<Object> receiveN(int n, Duration max) {
    long deadline = System.nanoTime() + bounded(max).toNanos();
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(receiveOrFail(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
          "receiveN waiting for message " + (i + 1) + " of " + n));
    }
    return out;
  }

  /**
   * Receives messages until {@code fisher} returns true for one (which is returned); messages for which it returns
   * false are dropped. Fails when {@code max} passes first.
   */
  public Object fishForMessage(Duration max, String hint, Function<Object, Object> fisher) {
    long deadline = System.nanoTime() + bounded(max).toNanos();
    while (true) {
      Object o = receiveOrFail(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), "fishForMessage looking for " + hint);
      Object r = fisher.apply(o);
      if (Boolean.TRUE.equals(r)) return o;
      if (!Boolean.FALSE.equals(r)) throw new AssertionError("fishForMessage: the fisher must return a Boolean, returned " + r);
    }
  }

  /** Receives messages while {@code f} accepts them (returns non-null), up to {@code max} time. */
  public <T> List<T> receiveWhile(Duration max, Function<Object, T> f) {
    long deadline = System.nanoTime() + bounded(max).toNanos();
    List<T> out = new ArrayList<>();
    while (true) {
      TestActor.Message m = queue.peekFirst();
      if (m == null) {
        Object o = receiveOne(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (o == null) return out;
        T t = f.apply(o);
        if (t == null) {
          queue.offerFirst(lastMessage);
          return out;
        }
        out.add(t);
      } else {
        T t = f.apply(m.msg());
        if (t == null) return out;
        queue.pollFirst();
        lastMessage = m;
        out.add(t);
      }
    }
  }

  // ------------------------------------------------------------------ blocks and conditions

  /** Runs {@code f}, bounding every expectation inside by {@code max} overall. */
  public <T> T within(Duration max, Supplier<T> f) { return within(Duration.ZERO, max, f); }

  /** Runs {@code f} and fails when it took less than {@code min} or more than {@code max}. */
  public <T> T within(Duration min, Duration max, Supplier<T> f) {
    Duration dmax = dilated(max);
    long start = System.nanoTime();
    long prevEnd = endNanos;
    long myEnd = start + dmax.toNanos();
    endNanos = Math.min(prevEnd, myEnd);
    T result;
    try {
      result = f.get();
    } finally {
      endNanos = prevEnd;
    }
    long took = System.nanoTime() - start;
    if (took < min.toNanos()) throw new AssertionError("block took " + Duration.ofNanos(took) + ", should at least have been " + min);
    if (took > dmax.toNanos()) throw new AssertionError("block took " + Duration.ofNanos(took) + ", exceeding " + dmax);
    return result;
  }

  public void awaitCond(Supplier<Boolean> p) { awaitCond(getRemainingOrDefault(), p); }

  public void awaitCond(Duration max, Supplier<Boolean> p) { awaitCond(max, Duration.ofMillis(100), p); }

  public void awaitCond(Duration max, Duration interval, Supplier<Boolean> p) {
    awaitCond(max, interval, "condition", p);
  }

  /** Polls {@code p} every {@code interval} until it holds; fails with {@code message} after {@code max}. */
  public void awaitCond(Duration max, Duration interval, String message, Supplier<Boolean> p) {
    long deadline = System.nanoTime() + bounded(dilated(max)).toNanos();
    while (!Boolean.TRUE.equals(p.get())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("timeout " + pretty(max) + " expired: " + message);
      sleepNanos(Math.min(left, interval.toNanos()));
    }
  }

  public <A> A awaitAssert(Supplier<A> a) { return awaitAssert(getRemainingOrDefault(), a); }

  public <A> A awaitAssert(Duration max, Supplier<A> a) { return awaitAssert(max, Duration.ofMillis(100), a); }

  /** Runs {@code a} until it returns without throwing; after {@code max} its last failure is rethrown. */
  public <A> A awaitAssert(Duration max, Duration interval, Supplier<A> a) {
    long deadline = System.nanoTime() + bounded(dilated(max)).toNanos();
    while (true) {
      try {
        return a.get();
      } catch (AssertionError | RuntimeException e) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw e;
        sleepNanos(Math.min(left, interval.toNanos()));
      }
    }
  }

  private static void sleepNanos(long n) {
    try {
      TimeUnit.NANOSECONDS.sleep(Math.max(1_000_000, n));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  // ------------------------------------------------------------------ watching and children

  /** Watches {@code ref}: its {@link Terminated} arrives in this probe. */
  public ActorRef watch(ActorRef ref) {
    return await(new TestActor.Watch(ref), ref);
  }

  public ActorRef unwatch(ActorRef ref) {
    return await(new TestActor.Unwatch(ref), ref);
  }

  private ActorRef await(Object cmd, ActorRef ref) {
    // the command is processed in order before any later message to the test actor; Identify confirms it ran
    testActor.tell(cmd, ActorRef.noSender());
    try {
      Patterns.ask(testActor, new io.troupe.actor.Identify(cmd), getRemainingOrDefault()).toCompletableFuture()
          .get(getRemainingOrDefault().toNanos(), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      throw new AssertionError("test actor did not confirm " + cmd, e);
    }
    return ref;
  }

  /** Creates {@code props} as a child of the test actor, so its failures reach the test actor's strategy. */
  public ActorRef childActorOf(Props props) { return childActorOf(props, null, null); }

  public ActorRef childActorOf(Props props, String name) { return childActorOf(props, name, null); }

  public ActorRef childActorOf(Props props, SupervisorStrategy supervisorStrategy) { return childActorOf(props, null, supervisorStrategy); }

  public ActorRef childActorOf(Props props, String name, SupervisorStrategy supervisorStrategy) {
    try {
      return (ActorRef) Patterns.ask(testActor, new TestActor.Spawn(props, name, supervisorStrategy), getRemainingOrDefault())
          .toCompletableFuture().get(getRemainingOrDefault().toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) throw (RuntimeException) c;
      throw new AssertionError("childActorOf failed", c);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("childActorOf failed", e);
    }
  }

  // ------------------------------------------------------------------ shutdown

  public static void shutdownActorSystem(ActorSystem system) {
    shutdownActorSystem(system, system.settings().config().getDuration("troupe.test.default-timeout"), true);
  }

  public static void shutdownActorSystem(ActorSystem system, boolean verifySystemShutdown) {
    shutdownActorSystem(system, system.settings().config().getDuration("troupe.test.default-timeout"), verifySystemShutdown);
  }

  public static void shutdownActorSystem(ActorSystem system, Duration duration) {
    shutdownActorSystem(system, duration, true);
  }

  /** Terminates {@code system} and waits up to {@code duration}; fails when {@code verifySystemShutdown} and it did not end. */
  public static void shutdownActorSystem(ActorSystem system, Duration duration, boolean verifySystemShutdown) {
    try {
      system.terminate().toCompletableFuture().get(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      String msg = "Failed to stop [" + system.name() + "] within [" + duration + "]";
      if (verifySystemShutdown) throw new RuntimeException(msg, e);
      System.err.println(msg);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new RuntimeException(e.getCause());
    }
  }

  /** Terminates this kit's system. */
  public void shutdown() { shutdownActorSystem(system); }
}

package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.troupe.pattern.Patterns;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md section 4: troupe-actor's reference.conf and the code that reads configuration agree, key for key.
 * {@link ActorSystem.Settings#knownKeys()} lists what the code reads; this test checks it against the reference file in
 * both directions, and against the keys actually read while systems start and create actors of every dispatcher and
 * mailbox kind (through a Config that records every lookup). The recording stops where the code turns a
 * {@code ConfigObject} back into a Config (deployment entries): Typesafe's own objects cannot take the recording proxy
 * as an argument, so the test config has no deployment entries; DeployerTest checks those keys.
 */
class ConfigAgreementTest {

  /** Documented keys that no code reads, each with the reason it stays. */
  private static final Map<String, String> DOCUMENTED_FOR_COMPAT = Map.of(
      "troupe.version", "informational, as pekko.version: the version the defaults belong to; nothing needs to read it");

  private static final String DD = "troupe.actor.default-dispatcher";
  private static final String DM = "troupe.actor.default-mailbox";

  /** troupe-actor's own reference.conf, without the reference files of other modules on the class path. */
  private static Config actorReference() throws Exception {
    URL base = ActorSystem.class.getProtectionDomain().getCodeSource().getLocation();
    URL url = new URL(base, "reference.conf");
    if (base.getPath().endsWith(".jar")) url = new URL("jar:" + base + "!/reference.conf");
    return ConfigFactory.parseURL(url, ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
  }

  private static boolean known(String key) {
    for (String k : ActorSystem.Settings.knownKeys()) {
      if (k.equals(key)) return true;
      if (k.endsWith(".*") && key.startsWith(k.substring(0, k.length() - 1))) return true;
    }
    return false;
  }

  /** A read key is accounted for when it is known, or is a block that holds known keys (a lookup of the block). */
  private static boolean knownOrBlock(String key) {
    if (known(key)) return true;
    for (String k : ActorSystem.Settings.knownKeys()) if (k.startsWith(key + ".")) return true;
    return false;
  }

  @Test
  void shouldReadOrJustifyEveryReferenceKeyWhenComparingWithKnownKeys() throws Exception {
    Set<String> unaccounted = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : actorReference().getConfig("troupe").entrySet()) {
      String key = "troupe." + e.getKey();
      if (!known(key) && !DOCUMENTED_FOR_COMPAT.containsKey(key)) unaccounted.add(key);
    }
    assertEquals(Set.of(), unaccounted, "reference.conf documents keys no code reads: read them (and add them to "
        + "ActorSystem.Settings.knownKeys()), remove them, or list them in DOCUMENTED_FOR_COMPAT with a reason");
  }

  @Test
  void shouldFindEveryKnownKeyInReferenceWhenComparingWithReference() throws Exception {
    Config ref = actorReference();
    Set<String> missing = new TreeSet<>();
    for (String k : ActorSystem.Settings.knownKeys()) {
      String path = k.endsWith(".*") ? k.substring(0, k.length() - 2) : k;
      if (!ref.hasPathOrNull(path)) missing.add(k);
    }
    assertEquals(Set.of(), missing, "ActorSystem.Settings.knownKeys() lists keys that reference.conf does not document");
    for (String k : DOCUMENTED_FOR_COMPAT.keySet()) assertTrue(ref.hasPath(k), "compat key no longer documented: " + k);
    assertEquals(ActorSystem.Settings.knownKeys().size(), new TreeSet<>(ActorSystem.Settings.knownKeys()).size(),
        "duplicates in knownKeys()");
  }

  @Test
  void shouldReadOnlyKnownKeysWhenSystemStartsAndCreatesActorsOfEveryKind() throws Exception {
    Set<String> read = ConcurrentHashMap.newKeySet();
    Config app = ConfigFactory.parseString(String.join("\n",
        "tp-dispatcher { type = Dispatcher, executor = thread-pool-executor }",
        "fixed-dispatcher { type = Dispatcher, executor = thread-pool-executor, thread-pool-executor.fixed-pool-size = 2 }",
        "pinned-dispatcher { type = PinnedDispatcher, executor = thread-pool-executor }",
        "fj-dispatcher { type = Dispatcher, executor = fork-join-executor }",
        "bounded-dispatcher { type = Dispatcher, mailbox-type = \"io.troupe.dispatch.BoundedMailbox\" }",
        "bounded-mailbox { mailbox-type = \"io.troupe.dispatch.BoundedMailbox\", mailbox-capacity = 10 }",
        "troupe.log-dead-letters = 5",
        "troupe.actor.debug.autoreceive = on"));
    Map<String, String> blocks = Map.of("tp-dispatcher", DD, "fixed-dispatcher", DD, "pinned-dispatcher", DD,
        "fj-dispatcher", DD, "bounded-dispatcher", DD, "bounded-mailbox", DM);
    Config recording = record(app.withFallback(ConfigFactory.load()), "", read);
    ActorSystem system = ActorSystem.create("ConfigAgreementTest", recording);
    try {
      List<ActorRef> actors = new ArrayList<>();
      actors.add(system.actorOf(Props.create(Stasher.class)));
      for (String d : List.of("tp-dispatcher", "fixed-dispatcher", "pinned-dispatcher", "fj-dispatcher", "bounded-dispatcher")) {
        actors.add(system.actorOf(Props.create(Stasher.class).withDispatcher(d)));
      }
      actors.add(system.actorOf(Props.create(Stasher.class).withMailbox("bounded-mailbox")));
      for (ActorRef a : actors) {
        // the answer proves the actor (and its stash) was constructed
        Patterns.ask(a, new Identify("up"), Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    } finally {
      system.terminate().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Set<String> unknown = new TreeSet<>();
    Set<String> undocumented = new TreeSet<>();
    Config ref = actorReference();
    for (String raw : read) {
      String key = normalize(raw, blocks);
      if (key == null) continue; // a lookup of one of this test's own blocks, e.g. "does tp-dispatcher exist"
      if (!knownOrBlock(key)) unknown.add(key + (key.equals(raw) ? "" : " (read as " + raw + ")"));
      if (!ref.hasPathOrNull(key)) undocumented.add(key);
    }
    assertEquals(Set.of(), unknown, "the code reads keys that ActorSystem.Settings.knownKeys() does not list");
    assertEquals(Set.of(), undocumented, "the code reads keys that reference.conf does not document");
    assertTrue(read.contains("troupe.actor.default-dispatcher.fork-join-executor.parallelism-min"), "recording works: " + read);
    assertTrue(read.contains("bounded-mailbox.mailbox-capacity"), "mailbox blocks were read: " + read);
  }

  /**
   * The reference key a lookup stands for: keys read inside this test's dispatcher and mailbox blocks map to the
   * default block they fall back to (a key that is no dispatcher key there is a mailbox key read through the
   * dispatcher's mailbox-type); lookups of other names outside {@code troupe} are the test's own, and ignored.
   */
  private static String normalize(String raw, Map<String, String> blocks) {
    if (raw.startsWith(DD + ".")) {
      String rest = raw.substring(DD.length() + 1);
      return known(raw) || knownOrBlock(raw) ? raw : DM + "." + rest;
    }
    if (raw.startsWith("troupe.")) return raw;
    for (Map.Entry<String, String> b : blocks.entrySet()) {
      String prefix = b.getKey() + ".";
      if (raw.startsWith(prefix)) {
        String rest = raw.substring(prefix.length());
        String asDispatcher = DD + "." + rest;
        if (b.getValue().equals(DD) && !known(asDispatcher)) return DM + "." + rest;
        return b.getValue() + "." + rest;
      }
    }
    return null;
  }

  /** A stashing actor: constructing it reads the stash capacity. */
  static final class Stasher extends AbstractActorWithStash {
    @Override public Receive createReceive() { return receiveBuilder().matchAny(m -> stash()).build(); }
  }

  // ------------------------------------------------------------------ a Config that records lookups

  /** Wraps {@code target}: every {@code get*}/{@code has*} with a path is recorded as {@code prefix + path}. */
  static Config record(Config target, String prefix, Set<String> read) {
    InvocationHandler h = new Recorder(target, prefix, read);
    return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class}, h);
  }

  private static final class Recorder implements InvocationHandler {
    private final Config target;
    private final String prefix;
    private final Set<String> read;

    Recorder(Config target, String prefix, Set<String> read) {
      this.target = target;
      this.prefix = prefix;
      this.read = read;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      Object[] a = args == null ? new Object[0] : args.clone();
      for (int i = 0; i < a.length; i++) {
        if (a[i] != null && Proxy.isProxyClass(a[i].getClass()) && Proxy.getInvocationHandler(a[i]) instanceof Recorder) {
          a[i] = ((Recorder) Proxy.getInvocationHandler(a[i])).target;
        }
      }
      String name = m.getName();
      boolean lookup = (name.startsWith("get") || name.startsWith("has")) && a.length >= 1 && a[0] instanceof String;
      if (lookup && !name.equals("getConfig") && !name.equals("getObject")) read.add(prefix + a[0]);
      Object r;
      try {
        r = m.invoke(target, a);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (r instanceof Config && m.getReturnType() == Config.class) {
        String p = name.equals("getConfig") ? prefix + a[0] + "." : prefix;
        return record((Config) r, p, read);
      }
      if (name.equals("equals") && a.length == 1) return target.equals(a[0]);
      return r;
    }
  }

  @Test
  void shouldRecordLookupsWhenConfigIsWrapped() {
    Set<String> read = Collections.synchronizedSet(new TreeSet<>());
    Config c = record(ConfigFactory.parseString("a { b = 1, c { d = x } }"), "", read);
    assertEquals(1, c.getInt("a.b"));
    assertEquals("x", c.getConfig("a").getConfig("c").getString("d"));
    assertTrue(c.withFallback(ConfigFactory.parseString("e = 2")).hasPath("e"));
    assertEquals(new TreeSet<>(List.of("a.b", "a.c.d", "e")), read);
  }
}

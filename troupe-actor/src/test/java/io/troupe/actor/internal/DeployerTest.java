package io.troupe.actor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.NoScopeGiven;
import io.troupe.routing.ConsistentHashingPool;
import io.troupe.routing.NoRouter;
import io.troupe.routing.RandomPool;
import io.troupe.routing.RoundRobinGroup;
import io.troupe.routing.RoundRobinPool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployerTest {

  private static Deployer deployer(String deploymentHocon) {
    ActorSystem.Settings settings = new ActorSystem.Settings(DeployerTest.class.getClassLoader(),
        ConfigFactory.parseString(deploymentHocon), "test");
    return new Deployer(settings);
  }

  /** The key of the entry used for {@code /user + path}, or "none". */
  private static String keyFor(Deployer d, String pathBelowUser) {
    return d.lookup(ActorPaths.fromString("troupe://test/user" + pathBelowUser)).map(Deploy::path).orElse("none");
  }

  private static ConfigurationException rejected(String deploymentHocon) {
    return assertThrows(ConfigurationException.class, () -> deployer(deploymentHocon));
  }

  private static void assertMentions(Throwable e, String... parts) {
    for (String p : parts) assertTrue(e.getMessage().contains(p), "message should mention [" + p + "]: " + e.getMessage());
  }

  // ------------------------------------------------------------------ lookup priority

  @Test
  void exactKey_beatsEveryWildcard() {
    Deployer d = deployer("troupe.actor.deployment { \"/parent/name\" {}, \"/parent/*\" {}, \"/*/name\" {}, \"/parent/**\" {} }");
    assertEquals("/parent/name", keyFor(d, "/parent/name"));
  }

  @Test
  void literalNameFurtherLeft_wins_parentWildcardBeatsWildcardParent() {
    Deployer d = deployer("troupe.actor.deployment { \"/parent/*\" {}, \"/*/name\" {} }");
    assertEquals("/parent/*", keyFor(d, "/parent/name"));
    assertEquals("/*/name", keyFor(d, "/other/name"));
    assertEquals("/parent/*", keyFor(d, "/parent/other"));
    assertEquals("none", keyFor(d, "/other/other"));
  }

  @Test
  void wildcardKey_isFoundWhenTheLiteralBranchHasNoMatch() {
    Deployer d = deployer("troupe.actor.deployment { \"/parent/other\" {}, \"/*/name\" {} }");
    assertEquals("/*/name", keyFor(d, "/parent/name"));
  }

  @Test
  void singleWildcard_matchesExactlyOneElement() {
    Deployer d = deployer("troupe.actor.deployment { \"/*\" {}, \"/a/*/c\" {} }");
    assertEquals("/*", keyFor(d, "/anything"));
    assertEquals("/a/*/c", keyFor(d, "/a/b/c"));
    assertEquals("none", keyFor(d, "/a/b"));
    assertEquals("none", keyFor(d, "/a/b/c/d"));
  }

  @Test
  void doubleWildcard_matchesAnyDepthBelow_andOnlyWhenNothingElseMatches() {
    Deployer d = deployer("troupe.actor.deployment { \"/parent/**\" {}, \"/parent/*\" {}, \"/parent/a/**\" {} }");
    assertEquals("none", keyFor(d, "/parent"));
    assertEquals("/parent/*", keyFor(d, "/parent/x"));
    assertEquals("/parent/**", keyFor(d, "/parent/x/y"));
    assertEquals("/parent/a/**", keyFor(d, "/parent/a/y/z"), "the longer ** prefix wins");
  }

  @Test
  void onlyActorsBelowUser_areLookedUp() {
    Deployer d = deployer("troupe.actor.deployment { \"/*\" {}, \"/**\" {} }");
    assertEquals(Optional.empty(), d.lookup(ActorPaths.fromString("troupe://test/system/x")));
    assertEquals(Optional.empty(), d.lookup(ActorPaths.fromString("troupe://test/user")));
    assertEquals("/*", keyFor(d, "/x"));
  }

  // ------------------------------------------------------------------ keys

  @Test
  void partialWildcard_isRejectedNamingTheKey() {
    assertMentions(rejected("troupe.actor.deployment { \"/foo*/bar\" {} }"), "\"/foo*/bar\"", "[foo*]", "whole element");
    assertMentions(rejected("troupe.actor.deployment { \"/f*o/bar\" {} }"), "\"/f*o/bar\"");
    assertMentions(rejected("troupe.actor.deployment { \"/foo/ba*\" {} }"), "[ba*]");
  }

  @Test
  void malformedKeys_areRejected() {
    assertMentions(rejected("troupe.actor.deployment { \"/a/**/b\" {} }"), "'**' may only be the last element");
    assertMentions(rejected("troupe.actor.deployment { \"a/b\" {} }"), "starting with '/'");
    assertMentions(rejected("troupe.actor.deployment { \"/a//b\" {} }"), "empty path element");
    assertMentions(rejected("troupe.actor.deployment { \"/a/\" {} }"), "empty path element");
    assertMentions(rejected("troupe.actor.deployment { \"/a\" = 5 }"), "\"/a\"", "expected an object");
  }

  // ------------------------------------------------------------------ entries

  @Test
  void entry_fallsBackToTheDefaults() {
    Deploy d = deployer("troupe.actor.deployment { /plain {} }").entries().get("/plain");
    assertEquals(NoRouter.getInstance(), d.routerConfig(), "router = from-code");
    assertEquals(1, d.config().getInt("nr-of-instances"));
    assertEquals(Duration.ofSeconds(5), d.config().getDuration("within"));
    assertEquals(10, d.config().getInt("virtual-nodes-factor"));
    assertEquals(List.of(), d.config().getStringList("routees.paths"));
    assertEquals("", d.dispatcher());
    assertEquals("", d.mailbox());
    assertEquals(NoScopeGiven.getInstance(), d.scope());
    assertEquals(Optional.empty(), Deployer.remoteAddress(d));
    assertEquals(List.of(), Deployer.targetNodes(d));
  }

  @Test
  void defaults_canBeChangedForAllEntries() {
    Deploy d = deployer("troupe.actor.deployment { default.nr-of-instances = 7, /pool { router = round-robin-pool } }")
        .entries().get("/pool");
    assertEquals(7, ((RoundRobinPool) d.routerConfig()).nrOfInstances());
  }

  @Test
  void routerNames_mapToTheirRouters_withTheEntrysSettings() {
    Deployer d = deployer("troupe.actor.deployment {\n"
        + "  /rr { router = round-robin-pool, nr-of-instances = 3 }\n"
        + "  /ch { router = consistent-hashing-pool, nr-of-instances = 2, virtual-nodes-factor = 7 }\n"
        + "  /g { router = round-robin-group, routees.paths = [\"/user/a\", \"troupe://sys@host:25520/user/b\"] }\n"
        + "  /pekko-name { router = \"org.apache.pekko.routing.RandomPool\", nr-of-instances = 4 }\n"
        + "  /class-name { router = \"io.troupe.routing.RoundRobinPool\", nr-of-instances = 5 }\n"
        + "}");
    assertEquals(3, ((RoundRobinPool) d.entries().get("/rr").routerConfig()).nrOfInstances());
    ConsistentHashingPool ch = (ConsistentHashingPool) d.entries().get("/ch").routerConfig();
    assertEquals(2, ch.nrOfInstances());
    assertEquals(7, ch.virtualNodesFactor());
    assertEquals(List.of("/user/a", "troupe://sys@host:25520/user/b"),
        ((RoundRobinGroup) d.entries().get("/g").routerConfig()).paths());
    assertEquals(4, assertInstanceOf(RandomPool.class, d.entries().get("/pekko-name").routerConfig()).nrOfInstances());
    assertEquals(5, assertInstanceOf(RoundRobinPool.class, d.entries().get("/class-name").routerConfig()).nrOfInstances());
  }

  @Test
  void dispatcherAndMailbox_areParsed() {
    Deploy d = deployer("my-dispatcher { type = Dispatcher }\n"
        + "my-mailbox { mailbox-type = \"io.troupe.dispatch.BoundedMailbox\" }\n"
        + "troupe.actor.deployment { /a { dispatcher = my-dispatcher, mailbox = my-mailbox } }").entries().get("/a");
    assertEquals("my-dispatcher", d.dispatcher());
    assertEquals("my-mailbox", d.mailbox());
  }

  @Test
  void remoteAndTargetNodes_areKeptAsAddressesForTheRemoteModule() {
    Deploy d = deployer("troupe.actor.deployment {\n"
        + "  /remote { remote = \"troupe://other@10.0.0.1:25520\" }\n"
        + "  /pool { router = round-robin-pool, nr-of-instances = 4,\n"
        + "          target.nodes = [\"troupe://app@10.0.0.2:25520\", \"pekko://app@10.0.0.3:25521\"] }\n"
        + "}").entries().get("/remote");
    assertEquals(Optional.of(new Address("troupe", "other", "10.0.0.1", 25520)), Deployer.remoteAddress(d));
    assertEquals("troupe://other@10.0.0.1:25520", d.config().getString("remote"), "the raw entry stays in config()");
    assertEquals(NoScopeGiven.getInstance(), d.scope(), "the scope is the remote module's to set");
    Deploy pool = deployer("troupe.actor.deployment { /pool { router = round-robin-pool,"
        + " target.nodes = [\"troupe://app@10.0.0.2:25520\", \"pekko://app@10.0.0.3:25521\"] } }").entries().get("/pool");
    assertEquals(List.of(new Address("troupe", "app", "10.0.0.2", 25520), new Address("pekko", "app", "10.0.0.3", 25521)),
        Deployer.targetNodes(pool));
    assertInstanceOf(RoundRobinPool.class, pool.routerConfig(), "without troupe-remote a local pool");
  }

  @Test
  void referenceDefaults_areExactlyTheKeysTheDeployerReads() {
    ActorSystem.Settings settings = new ActorSystem.Settings(DeployerTest.class.getClassLoader(), ConfigFactory.empty(), "test");
    java.util.Set<String> keys = new java.util.TreeSet<>();
    settings.config().getConfig(Deployer.DEPLOYMENT + ".default").entrySet().forEach(e -> keys.add(e.getKey()));
    assertEquals(new java.util.TreeSet<>(List.of("dispatcher", "mailbox", "router", "nr-of-instances", "within",
        "virtual-nodes-factor", "routees.paths", "remote", "target.nodes")), keys,
        "a key added to reference.conf must be read and checked by Deployer (and documented), and vice versa");
  }

  // ------------------------------------------------------------------ errors

  @Test
  void unknownRouterName_failsNamingTheKeyAndTheKnownNames() {
    ConfigurationException e = rejected("troupe.actor.deployment { /workers { router = round-robbin-pool } }");
    assertMentions(e, "troupe.actor.deployment.\"/workers\".router", "\"round-robbin-pool\"", "not a known router",
        "from-code", "round-robin-pool", "random-group", "smallest-mailbox-pool", "consistent-hashing-group",
        "troupe.actor.router.type-mapping");
  }

  @Test
  void unknownRouterClassName_failsNamingTheKey() {
    assertMentions(rejected("troupe.actor.deployment { /w { router = \"com.example.NoSuchRouter\" } }"),
        "\"/w\".router", "com.example.NoSuchRouter", "not a known router");
    assertMentions(rejected("troupe.actor.deployment { /w { router = \"java.lang.String\" } }"),
        "\"/w\".router", "does not implement");
  }

  @Test
  void pekkoRouterTroupeDoesNotProvide_isNamedAsSuch() {
    assertMentions(rejected("troupe.actor.deployment { /w { router = balancing-pool } }"),
        "\"/w\".router", "balancing-pool", "does not provide");
  }

  @Test
  void badValues_failNamingTheKey() {
    assertMentions(rejected("troupe.actor.deployment { /w { router = round-robin-pool, nr-of-instances = -1 } }"),
        "\"/w\".nr-of-instances = -1", "out of range");
    assertMentions(rejected("troupe.actor.deployment { /w { nr-of-instances = many } }"),
        "\"/w\".nr-of-instances", "not a number");
    assertMentions(rejected("troupe.actor.deployment { /w { virtual-nodes-factor = 0 } }"),
        "\"/w\".virtual-nodes-factor = 0");
    assertMentions(rejected("troupe.actor.deployment { /w { within = soon } }"), "\"/w\".within", "not a duration");
    assertMentions(rejected("troupe.actor.deployment { /w { dispatcher = no-such-dispatcher } }"),
        "\"/w\".dispatcher = \"no-such-dispatcher\"", "names no config block");
    assertMentions(rejected("troupe.actor.deployment { /w { mailbox = no-such-mailbox } }"),
        "\"/w\".mailbox = \"no-such-mailbox\"");
    assertMentions(rejected("troupe.actor.deployment { /w { routees.paths = [\"relative/path\"] } }"),
        "\"/w\".routees.paths", "[relative/path]");
  }

  @Test
  void groupWithoutPaths_isRejected() {
    assertMentions(rejected("troupe.actor.deployment { /g { router = random-group } }"),
        "\"/g\".routees.paths is empty");
  }

  @Test
  void malformedRemoteAddresses_areRejected() {
    assertMentions(rejected("troupe.actor.deployment { /r { remote = \"not an address\" } }"),
        "\"/r\".remote", "[not an address]");
    assertMentions(rejected("troupe.actor.deployment { /r { remote = \"troupe://sys\" } }"),
        "\"/r\".remote", "no host and port");
    assertMentions(rejected("troupe.actor.deployment { /p { target.nodes = [\"troupe://a@h:1\", \"nope\"] } }"),
        "\"/p\".target.nodes", "[nope]");
  }
}

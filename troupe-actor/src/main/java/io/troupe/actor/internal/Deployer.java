package io.troupe.actor.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.AddressFromURIString;
import io.troupe.actor.Deploy;
import io.troupe.actor.NoScopeGiven;
import io.troupe.routing.Group;
import io.troupe.routing.NoRouter;
import io.troupe.routing.Pool;
import io.troupe.routing.RouterConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment config, {@code troupe.actor.deployment}, read and checked once when the system starts, and looked up
 * whenever a (non-system) actor is created.
 *
 * <p>Keys are paths below {@code /user}: {@code "/parent/child"} configures {@code /user/parent/child}. An element may
 * be {@code *} (any one name) and the last element may be {@code **} (any number, at least one, of further names); a
 * {@code *} inside a name ({@code "/foo*}{@code /bar"}) is rejected, since it would silently never match. When several
 * keys match a path, the one with literal names furthest to the left wins: the keys are compared element by element
 * from the left, and at the first element where they differ a literal name beats {@code *}. So {@code /a/b} beats
 * {@code /a/*}, which beats {@code /*}{@code /b}; a {@code **} key is used only when no other key matches, the one with
 * the longest prefix first. This is Pekko's order.
 *
 * <p>Each entry falls back to {@code troupe.actor.deployment.default} and becomes a {@link Deploy}: its
 * {@link Deploy#path()} is the key, its {@link Deploy#config()} the whole entry with the defaults, its router the
 * {@link RouterConfig} named by {@code router} (made with the class's {@code (Config)} constructor), its dispatcher and
 * mailbox the {@code dispatcher} and {@code mailbox} values. The scope stays {@link NoScopeGiven}: {@code remote} and
 * {@code target.nodes} are checked to be addresses and kept in the config, for the remote module, which maps
 * {@code remote} to a {@code RemoteScope} and {@code target.nodes} to remote pool routees (read them with
 * {@link #remoteAddress(Deploy)} and {@link #targetNodes(Deploy)}). Without it they are logged at INFO once, and the
 * actor or pool is deployed locally.
 *
 * <p>Thread safety: everything is built in the constructor and never changed, so lookups need no lock. Subclasses
 * (the remote module's deployer) override {@link #parseConfig} and {@link #onRemoteSettings}; both are called from this
 * constructor, so they must not rely on fields of the subclass.
 */
public class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  /** The config section of deployment entries. */
  public static final String DEPLOYMENT = "troupe.actor.deployment";
  /** Router names usable in {@code router = ...}, mapped to class names. */
  public static final String TYPE_MAPPING = "troupe.actor.router.type-mapping";
  /** The {@code router} value of an actor that is a router only if its Props say so. */
  public static final String FROM_CODE = "from-code";

  /** Pekko routers that Troupe does not provide (yet): named in the error so the user knows it is not a typo. */
  private static final Set<String> NOT_PROVIDED = Set.of("balancing-pool", "scatter-gather-pool", "scatter-gather-group",
      "tail-chopping-pool", "tail-chopping-group");

  private final ActorSystem.Settings settings;
  private final ClassLoader classLoader;
  private final Map<String, String> typeMapping;
  private final Map<String, Deploy> entries;
  private final Node root = new Node();

  /** A level of the key tree: literal children, a {@code *} child, the entry ending here, the {@code **} below here. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>(4);
    Node anyOne;
    Deploy deploy;
    Deploy anyBelow;
  }

  /**
   * Reads and checks every entry.
   *
   * @throws ConfigurationException naming the key, the value and what was expected, for a malformed key, an unknown
   *     router, a value of the wrong type or range, a missing dispatcher or mailbox block, or a malformed address
   */
  public Deployer(ActorSystem.Settings settings, ClassLoader classLoader) {
    this.settings = settings;
    this.classLoader = classLoader;
    Config config = settings.config();
    try {
      this.typeMapping = readTypeMapping(config);
      ConfigObject section = config.getObject(DEPLOYMENT);
      Config defaults = config.getConfig(DEPLOYMENT + ".default");
      Map<String, Deploy> all = new LinkedHashMap<>();
      for (String key : new TreeSet<>(section.keySet())) {
        if ("default".equals(key)) continue;
        ConfigValue value = section.get(key);
        if (value.valueType() != ConfigValueType.OBJECT) {
          throw new ConfigurationException(where(key) + " is a " + value.valueType() + " (expected an object such as "
              + "{ router = round-robin-pool, nr-of-instances = 5 })");
        }
        List<String> elements = parseKey(key);
        Config entry = ((ConfigObject) value).toConfig().withFallback(defaults);
        validate(key, entry);
        Deploy d = parseConfig(key, entry);
        if (d == null) continue;
        insert(elements, d);
        all.put(key, d);
      }
      this.entries = Collections.unmodifiableMap(all);
    } catch (ConfigException e) {
      throw new ConfigurationException("Invalid " + DEPLOYMENT + " configuration: " + e.getMessage(), e);
    }
  }

  public Deployer(ActorSystem.Settings settings) {
    this(settings, settings.classLoader());
  }

  // ------------------------------------------------------------------ lookup

  /**
   * The deployment of the actor at {@code path}, or empty when no key matches or the path is not below {@code /user}
   * (the runtime's own actors are not configurable).
   */
  public Optional<Deploy> lookup(ActorPath path) {
    List<String> el = path.elements();
    if (el.size() < 2 || !"user".equals(el.get(0))) return Optional.empty();
    return lookup(el.subList(1, el.size()));
  }

  /** The deployment for the names below {@code /user} (e.g. {@code ["parent", "child"]}). */
  public Optional<Deploy> lookup(List<String> namesBelowUser) {
    if (namesBelowUser.isEmpty()) return Optional.empty();
    Deploy d = findExactOrOne(root, namesBelowUser, 0);
    if (d == null) d = findBelow(root, namesBelowUser, 0);
    return Optional.ofNullable(d);
  }

  /** Every entry by key, in key order. */
  public Map<String, Deploy> entries() { return entries; }

  private static Deploy findExactOrOne(Node n, List<String> names, int i) {
    if (i == names.size()) return n.deploy;
    Node exact = n.children.get(names.get(i));
    if (exact != null) {
      Deploy d = findExactOrOne(exact, names, i + 1);
      if (d != null) return d;
    }
    return n.anyOne == null ? null : findExactOrOne(n.anyOne, names, i + 1);
  }

  private static Deploy findBelow(Node n, List<String> names, int i) {
    if (i == names.size()) return null;
    Deploy deeper = null;
    Node exact = n.children.get(names.get(i));
    if (exact != null) deeper = findBelow(exact, names, i + 1);
    if (deeper == null && n.anyOne != null) deeper = findBelow(n.anyOne, names, i + 1);
    return deeper != null ? deeper : n.anyBelow;
  }

  private void insert(List<String> elements, Deploy d) {
    Node n = root;
    for (int i = 0; i < elements.size(); i++) {
      String e = elements.get(i);
      if ("**".equals(e)) {
        n.anyBelow = d;
        return;
      }
      if ("*".equals(e)) {
        if (n.anyOne == null) n.anyOne = new Node();
        n = n.anyOne;
      } else {
        n = n.children.computeIfAbsent(e, k -> new Node());
      }
    }
    n.deploy = d;
  }

  // ------------------------------------------------------------------ parsing

  /**
   * Makes the Deploy of one entry ({@code entry} already falls back to the defaults and passed the checks); null
   * ignores the entry. The remote module's deployer overrides this to give entries with {@code remote} a remote scope
   * and pools with {@code target.nodes} remote routees. Called from the constructor.
   */
  protected Deploy parseConfig(String key, Config entry) {
    RouterConfig router = createRouterConfig(key, entry);
    Optional<Address> remote = remoteAddress(entry);
    List<Address> targets = targetNodes(entry);
    if (remote.isPresent() || (!targets.isEmpty() && router instanceof Pool)) onRemoteSettings(key, remote, targets);
    return new Deploy(key, entry, router, NoScopeGiven.getInstance(), entry.getString("dispatcher"), entry.getString("mailbox"));
  }

  /**
   * Called for an entry with {@code remote} or a pool with {@code target.nodes}. Without the remote module these have
   * no effect: this logs so at INFO, once per entry. Called from the constructor.
   */
  protected void onRemoteSettings(String key, Optional<Address> remote, List<Address> targetNodes) {
    if (remote.isPresent()) {
      LOG.info("{}.remote = \"{}\": remote deployment needs the troupe-remote module (troupe.actor.provider = remote); "
          + "actors at this path are created locally", where(key), remote.get());
    }
    if (!targetNodes.isEmpty()) {
      LOG.info("{}.target.nodes = {}: remote routees need the troupe-remote module (troupe.actor.provider = remote); "
          + "this pool's routees are created locally", where(key), targetNodes);
    }
  }

  /** The {@code remote} address of a deployment from config, or empty (none given, or a Deploy made in code). */
  public static Optional<Address> remoteAddress(Deploy deploy) {
    Config c = deploy.config();
    return c.hasPath("remote") ? remoteAddress(c) : Optional.empty();
  }

  /** The {@code target.nodes} of a deployment from config; empty when none are given. */
  public static List<Address> targetNodes(Deploy deploy) {
    Config c = deploy.config();
    return c.hasPath("target.nodes") ? targetNodes(c) : List.of();
  }

  private static Optional<Address> remoteAddress(Config entry) {
    String s = entry.getString("remote");
    return s.isEmpty() ? Optional.empty() : Optional.of(AddressFromURIString.parse(s));
  }

  private static List<Address> targetNodes(Config entry) {
    List<Address> out = new ArrayList<>();
    for (String s : entry.getStringList("target.nodes")) out.add(AddressFromURIString.parse(s));
    return List.copyOf(out);
  }

  private static List<String> parseKey(String key) {
    if (!key.startsWith("/")) {
      throw new ConfigurationException(where(key) + ": a deployment key is an actor path below /user starting with '/' "
          + "(e.g. \"/parent/child\" for /user/parent/child)");
    }
    List<String> elements = Arrays.asList(key.substring(1).split("/", -1));
    for (int i = 0; i < elements.size(); i++) {
      String e = elements.get(i);
      if (e.isEmpty()) {
        throw new ConfigurationException(where(key) + ": empty path element (expected names separated by single '/', "
            + "without a trailing '/')");
      }
      if ("**".equals(e)) {
        if (i != elements.size() - 1) {
          throw new ConfigurationException(where(key) + ": '**' may only be the last element (\"/parent/**\")");
        }
      } else if (!"*".equals(e) && e.contains("*")) {
        throw new ConfigurationException(where(key) + ": path element [" + e + "] mixes '*' with other characters; a "
            + "wildcard must be a whole element (\"/*/child\", \"/parent/*\"), partial matches such as \"/foo*/bar\" are "
            + "not supported");
      }
    }
    return elements;
  }

  private void validate(String key, Config entry) {
    entry.getString("router");
    int nr = getInt(key, entry, "nr-of-instances");
    if (nr < 0) throw new ConfigurationException(where(key, "nr-of-instances") + " = " + nr + " is out of range (expected 0 or more)");
    try {
      entry.getDuration("within");
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw new ConfigurationException(where(key, "within") + " is not a duration (expected e.g. 5 seconds)", e);
    }
    int vnf = getInt(key, entry, "virtual-nodes-factor");
    if (vnf < 1) throw new ConfigurationException(where(key, "virtual-nodes-factor") + " = " + vnf + " is out of range (expected 1 or more)");
    for (String p : entry.getStringList("routees.paths")) {
      if (!p.startsWith("/") && ActorPaths.parse(p) == null) {
        throw new ConfigurationException(where(key, "routees.paths") + " contains [" + p + "], which is not an actor path "
            + "(expected /user/name or a full URI such as troupe://sys@host:25520/user/name)");
      }
    }
    checkBlock(key, entry, "dispatcher", "a dispatcher block (e.g. my-dispatcher { type = Dispatcher })");
    checkBlock(key, entry, "mailbox", "a mailbox block (e.g. my-mailbox { mailbox-type = \"io.troupe.dispatch.BoundedMailbox\" })");
    String remote = entry.getString("remote");
    if (!remote.isEmpty()) checkNodeAddress(key, "remote", remote);
    for (String node : entry.getStringList("target.nodes")) checkNodeAddress(key, "target.nodes", node);
    if (entry.hasPath("pool-dispatcher") && entry.getValue("pool-dispatcher").valueType() != ConfigValueType.OBJECT) {
      throw new ConfigurationException(where(key, "pool-dispatcher") + " must be a dispatcher block (e.g. "
          + "pool-dispatcher { fork-join-executor.parallelism-max = 4 })");
    }
    if (entry.hasPath("resizer.enabled") && entry.getBoolean("resizer.enabled")) {
      LOG.warn("{}.resizer.enabled = on: Troupe has no resizer; the pool keeps its nr-of-instances routees", where(key));
    }
  }

  private static int getInt(String key, Config entry, String name) {
    try {
      return entry.getInt(name);
    } catch (ConfigException.WrongType e) {
      throw new ConfigurationException(where(key, name) + " = " + entry.getValue(name).render() + " is not a number", e);
    }
  }

  private void checkBlock(String key, Config entry, String name, String expected) {
    String id = entry.getString(name);
    if (id.isEmpty()) return;
    Config config = settings.config();
    boolean ok;
    try {
      ok = config.hasPath(id) && config.getValue(id).valueType() == ConfigValueType.OBJECT;
    } catch (ConfigException.BadPath e) {
      ok = false;
    }
    if (!ok) {
      throw new ConfigurationException(where(key, name) + " = \"" + id + "\" names no config block: add " + expected
          + " at path [" + id + "]");
    }
  }

  private static void checkNodeAddress(String key, String name, String value) {
    Address a;
    try {
      a = AddressFromURIString.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(where(key, name) + " contains [" + value + "], which is not an address "
          + "(expected protocol://system@host:port, e.g. troupe://app@10.0.0.1:25520)", e);
    }
    if (a.hasLocalScope()) {
      throw new ConfigurationException(where(key, name) + " contains [" + value + "], which has no host and port "
          + "(expected protocol://system@host:port, e.g. troupe://app@10.0.0.1:25520)");
    }
  }

  /** The router named by the entry's {@code router}: a type-mapping name, or a RouterConfig class name. */
  private RouterConfig createRouterConfig(String key, Config entry) {
    String name = entry.getString("router");
    if (FROM_CODE.equals(name)) return NoRouter.getInstance();
    String className = typeMapping.get(name);
    if (className == null) {
      if (NOT_PROVIDED.contains(name)) {
        throw new ConfigurationException(where(key, "router") + " = \"" + name + "\" is a Pekko router that Troupe does "
            + "not provide (yet); use one of " + knownNames());
      }
      if (!name.contains(".")) throw unknownRouter(key, name, null);
      className = name.startsWith("org.apache.pekko.routing.")
          ? "io.troupe.routing." + name.substring("org.apache.pekko.routing.".length()) : name;
    }
    if (NoRouter.class.getName().equals(className)) return NoRouter.getInstance();
    Class<?> k;
    try {
      k = Class.forName(className, true, classLoader);
    } catch (ClassNotFoundException e) {
      throw unknownRouter(key, name, e);
    }
    if (!RouterConfig.class.isAssignableFrom(k)) {
      throw new ConfigurationException(where(key, "router") + " = \"" + name + "\": class [" + className + "] does not "
          + "implement " + RouterConfig.class.getName());
    }
    RouterConfig router;
    try {
      Constructor<?> c = k.getConstructor(Config.class);
      router = (RouterConfig) c.newInstance(entry);
    } catch (NoSuchMethodException e) {
      throw new ConfigurationException(where(key, "router") + " = \"" + name + "\": class [" + className + "] needs a "
          + "public constructor taking com.typesafe.config.Config", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new ConfigurationException(where(key) + ": router [" + name + "] rejected the entry: " + cause.getMessage(), cause);
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException(where(key, "router") + " = \"" + name + "\": class [" + className + "] cannot be "
          + "created: " + e, e);
    }
    if (router instanceof Group && router.getClass().getPackageName().equals("io.troupe.routing")) {
      // a built-in group (they ignore the system argument): a group without paths is a mistake in the entry
      Iterable<String> paths = ((Group) router).getPaths(null);
      if (!paths.iterator().hasNext()) {
        throw new ConfigurationException(where(key, "routees.paths") + " is empty: the group router [" + name + "] needs "
            + "the paths of its routees (e.g. routees.paths = [\"/user/workers/w1\", \"/user/workers/w2\"])");
      }
    }
    return router;
  }

  private ConfigurationException unknownRouter(String key, String name, Throwable cause) {
    return new ConfigurationException(where(key, "router") + " = \"" + name + "\" is not a known router (expected one of "
        + knownNames() + ", or the class name of a RouterConfig with a public (com.typesafe.config.Config) constructor; "
        + "names are defined in " + TYPE_MAPPING + ")", cause);
  }

  private String knownNames() {
    return String.join(", ", typeMapping.keySet());
  }

  private static Map<String, String> readTypeMapping(Config config) {
    Map<String, String> m = new LinkedHashMap<>();
    ConfigObject o = config.getObject(TYPE_MAPPING);
    m.put(FROM_CODE, NoRouter.class.getName());
    for (String name : o.keySet()) {
      ConfigValue v = o.get(name);
      if (v.valueType() != ConfigValueType.STRING) {
        throw new ConfigurationException(ConfigUtil.joinPath(TYPE_MAPPING, name) + " = " + v.render()
            + " is not a class name (expected a string such as \"io.troupe.routing.RoundRobinPool\")");
      }
      m.put(name, (String) v.unwrapped());
    }
    return Collections.unmodifiableMap(m);
  }

  private static String where(String key) {
    return DEPLOYMENT + "." + ConfigUtil.quoteString(key);
  }

  private static String where(String key, String name) {
    return where(key) + "." + name;
  }
}

package io.troupe.actor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.actor.internal.ActorSystemImpl;
import io.troupe.event.EventStream;
import io.troupe.event.LoggingAdapter;
import io.troupe.serialization.SerializationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A hierarchy of actors sharing configuration, dispatchers, a scheduler and an event stream: the entry point. Create it
 * with {@link #create(String)} or {@link #create(String, Config)}; end it with {@link #terminate()}.
 */
public abstract class ActorSystem implements ActorRefFactory {

  /** Creates a system named {@code name} with the configuration from {@code application.conf} and the references. */
  public static ActorSystem create(String name) {
    ClassLoader cl = defaultClassLoader();
    return create(name, ConfigFactory.load(cl), cl);
  }

  /** Creates a system with a default name ({@code default}). */
  public static ActorSystem create() {
    return create("default");
  }

  /**
   * Creates a system with the given configuration; the reference configuration of every module on the class path is
   * added as fallback.
   *
   * @throws IllegalArgumentException when the name is invalid
   * @throws ConfigurationException when a setting is invalid; the message names the key
   */
  public static ActorSystem create(String name, Config config) {
    return create(name, config, defaultClassLoader());
  }

  public static ActorSystem create(String name, Config config, ClassLoader classLoader) {
    return new ActorSystemImpl(name, config, classLoader).start();
  }

  private static ClassLoader defaultClassLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : ActorSystem.class.getClassLoader();
  }

  /** The system's name. */
  public abstract String name();

  public abstract Settings settings();

  public abstract EventStream eventStream();

  public EventStream getEventStream() { return eventStream(); }

  public abstract Scheduler scheduler();

  public Scheduler getScheduler() { return scheduler(); }

  public abstract ActorRef deadLetters();

  /** The default dispatcher, usable as an {@link Executor} for futures. */
  public abstract Executor dispatcher();

  public Executor getDispatcher() { return dispatcher(); }

  public abstract LoggingAdapter log();

  /** Starts termination: stops {@code /user} (children first), then the system actors, then the threads. */
  public abstract CompletionStage<Terminated> terminate();

  /** Completes once the system has terminated. */
  public abstract CompletionStage<Terminated> getWhenTerminated();

  public CompletionStage<Terminated> whenTerminated() { return getWhenTerminated(); }

  /**
   * Runs {@code code} when the system has terminated, in reverse order of registration.
   *
   * @throws IllegalStateException when the system has terminated already
   */
  public abstract void registerOnTermination(Runnable code);

  /** The extension for {@code ext}, creating it on first use. */
  public abstract <T extends Extension> T registerExtension(ExtensionId<T> ext);

  public <T extends Extension> T extension(ExtensionId<T> ext) {
    return registerExtension(ext);
  }

  public abstract boolean hasExtension(ExtensionId<? extends Extension> ext);

  /** Milliseconds since the system started. */
  public abstract long uptime();

  public abstract long startTime();

  /** Where the child is the top-level actor for {@code name} under {@code /user}. */
  public ActorPath child(String name) {
    return ((ExtendedActorSystem) this).provider().guardian().path().child(name);
  }

  /** The configuration, read once at start and checked key by key. */
  public static final class Settings {
    /** What an {@code infinite} duration setting reads as. */
    public static final Duration INFINITE = java.time.temporal.ChronoUnit.FOREVER.getDuration();

    /**
     * Every key under {@code troupe} that the code of troupe-actor (and, for {@code troupe.test}, troupe-testkit) reads.
     * Per-dispatcher and per-mailbox keys are listed under the default blocks that every dispatcher and mailbox block
     * falls back to, and deployment keys under {@code troupe.actor.deployment.default}; a key ending in {@code .*} is a
     * map whose entries are the user's (serializer names, bindings, router names).
     * ConfigAgreementTest checks this list against reference.conf in both directions and against what the code actually
     * reads, so add a key here when code starts reading it.
     */
    public static List<String> knownKeys() { return KNOWN_KEYS; }

    private static final String DD = "troupe.actor.default-dispatcher.";
    private static final String DM = "troupe.actor.default-mailbox.";
    private static final String DEP = "troupe.actor.deployment.default.";
    private static final List<String> KNOWN_KEYS = List.of(
        // this class
        "troupe.loglevel", "troupe.log-config-on-start", "troupe.log-dead-letters", "troupe.log-dead-letters-during-shutdown",
        "troupe.log-dead-letters-suspend-duration", "troupe.daemonic", "troupe.remote.protocol-name",
        "troupe.actor.provider", "troupe.actor.guardian-supervisor-strategy", "troupe.actor.creation-timeout",
        "troupe.actor.serialize-messages", "troupe.actor.serialize-creators",
        "troupe.actor.debug.receive", "troupe.actor.debug.autoreceive", "troupe.actor.debug.lifecycle",
        "troupe.actor.debug.unhandled", "troupe.actor.debug.event-stream", "troupe.actor.debug.router-misconfiguration",
        // io.troupe.serialization.SerializationSettings
        "troupe.actor.allow-java-serialization", "troupe.actor.warn-about-java-serializer-usage",
        "troupe.actor.serializers.*", "troupe.actor.serialization-bindings.*", "troupe.actor.serialization-identifiers.*",
        // ActorSystemImpl and the default scheduler
        "troupe.extensions", "troupe.scheduler.implementation", "troupe.scheduler.tick-duration",
        "troupe.scheduler.ticks-per-wheel",
        // io.troupe.dispatch.Dispatchers: every dispatcher block
        DD + "type", DD + "executor", DD + "default-executor.fallback", DD + "throughput", DD + "throughput-deadline-time",
        DD + "mailbox-type",
        DD + "fork-join-executor.parallelism-min", DD + "fork-join-executor.parallelism-factor",
        DD + "fork-join-executor.parallelism-max", DD + "fork-join-executor.task-peeking-mode",
        DD + "thread-pool-executor.keep-alive-time", DD + "thread-pool-executor.fixed-pool-size",
        DD + "thread-pool-executor.core-pool-size-min", DD + "thread-pool-executor.core-pool-size-factor",
        DD + "thread-pool-executor.core-pool-size-max", DD + "thread-pool-executor.allow-core-timeout",
        // io.troupe.actor.internal.Deployer and the routers: every deployment entry (entries fall back to default)
        DEP + "dispatcher", DEP + "mailbox", DEP + "router", DEP + "nr-of-instances", DEP + "within",
        DEP + "virtual-nodes-factor", DEP + "routees.paths", DEP + "remote", DEP + "target.nodes",
        "troupe.actor.router.type-mapping.*",
        // io.troupe.dispatch.Dispatchers and BoundedMailbox: every mailbox block
        DM + "mailbox-type", DM + "mailbox-capacity", DM + "mailbox-push-timeout-time", DM + "stash-capacity",
        // io.troupe.testkit.javadsl.TestKit (troupe-testkit)
        "troupe.test.timefactor", "troupe.test.single-expect-default", "troupe.test.expect-no-message-default",
        "troupe.test.default-timeout");

    private final Config config;
    private final String name;
    private final String protocol;
    private final String loglevel;
    private final int logDeadLetters;
    private final boolean logDeadLettersDuringShutdown;
    private final Duration logDeadLettersSuspendDuration;
    private final String providerClass;
    private final String guardianSupervisorStrategyClass;
    private final SupervisorStrategy guardianSupervisorStrategy;
    private final boolean daemonic;
    private final boolean logConfigOnStart;
    private final boolean debugReceive;
    private final boolean debugAutoReceive;
    private final boolean debugLifecycle;
    private final boolean debugUnhandled;
    private final boolean debugEventStream;
    private final boolean debugRouterMisconfiguration;
    private final int defaultVirtualNodesFactor;
    private final ClassLoader classLoader;
    private final Duration creationTimeout;
    private final boolean serializeMessages;
    private final boolean serializeCreators;
    private final SerializationSettings serialization;

    public Settings(ClassLoader classLoader, Config cfg, String name) {
      Config reference = ConfigFactory.defaultReference(classLoader);
      this.config = cfg.withFallback(reference).resolve();
      this.name = name;
      this.classLoader = classLoader;
      try {
        config.checkValid(reference, "troupe");
        this.protocol = config.getString("troupe.remote.protocol-name");
        if (protocol.isEmpty() || !protocol.matches("[a-zA-Z][a-zA-Z0-9+.-]*")) {
          throw new ConfigurationException("troupe.remote.protocol-name = \"" + protocol + "\" is not a valid URI scheme (expected e.g. troupe or pekko)");
        }
        this.loglevel = config.getString("troupe.loglevel").toUpperCase(Locale.ROOT);
        if (!loglevel.matches("OFF|ERROR|WARNING|WARN|INFO|DEBUG")) {
          throw new ConfigurationException("troupe.loglevel = " + loglevel + " is not a level (expected OFF, ERROR, WARNING, INFO or DEBUG)");
        }
        this.logDeadLetters = parseLogDeadLetters(config);
        this.logDeadLettersDuringShutdown = config.getBoolean("troupe.log-dead-letters-during-shutdown");
        this.logDeadLettersSuspendDuration = parseLogDeadLettersSuspendDuration(config);
        String p = config.getString("troupe.actor.provider");
        switch (p) {
          case "local": this.providerClass = "io.troupe.actor.internal.LocalActorRefProvider"; break;
          case "remote":
          case "cluster": this.providerClass = "io.troupe.remote.RemoteActorRefProvider"; break;
          default: this.providerClass = p;
        }
        this.guardianSupervisorStrategyClass = config.getString("troupe.actor.guardian-supervisor-strategy");
        this.guardianSupervisorStrategy = loadGuardianStrategy(classLoader, guardianSupervisorStrategyClass);
        this.daemonic = config.getBoolean("troupe.daemonic");
        this.logConfigOnStart = config.getBoolean("troupe.log-config-on-start");
        this.debugReceive = config.getBoolean("troupe.actor.debug.receive");
        this.debugAutoReceive = config.getBoolean("troupe.actor.debug.autoreceive");
        this.debugLifecycle = config.getBoolean("troupe.actor.debug.lifecycle");
        this.debugUnhandled = config.getBoolean("troupe.actor.debug.unhandled");
        this.debugEventStream = config.getBoolean("troupe.actor.debug.event-stream");
        this.debugRouterMisconfiguration = config.getBoolean("troupe.actor.debug.router-misconfiguration");
        this.defaultVirtualNodesFactor = config.getInt("troupe.actor.deployment.default.virtual-nodes-factor");
        if (defaultVirtualNodesFactor < 1) {
          throw new ConfigurationException("troupe.actor.deployment.default.virtual-nodes-factor = " + defaultVirtualNodesFactor
              + " is out of range (expected 1 or more)");
        }
        this.creationTimeout = config.getDuration("troupe.actor.creation-timeout");
        this.serializeMessages = config.getBoolean("troupe.actor.serialize-messages");
        this.serializeCreators = config.getBoolean("troupe.actor.serialize-creators");
        this.serialization = new SerializationSettings(config);
      } catch (ConfigException e) {
        throw new ConfigurationException("Invalid configuration for actor system [" + name + "]: " + e.getMessage(), e);
      }
    }

    private static int parseLogDeadLetters(Config config) {
      String raw = config.getValue("troupe.log-dead-letters").unwrapped().toString().toLowerCase(Locale.ROOT);
      switch (raw) {
        case "on": case "true": case "yes": return Integer.MAX_VALUE;
        case "off": case "false": case "no": return 0;
        default:
          try {
            int n = Integer.parseInt(raw);
            if (n < 0) throw new NumberFormatException();
            return n;
          } catch (NumberFormatException e) {
            throw new ConfigurationException("troupe.log-dead-letters = " + raw + " is invalid (expected on, off or a count >= 0)");
          }
      }
    }

    /** {@code infinite} (as in Pekko) becomes {@link #INFINITE}; anything else must be a duration of zero or more. */
    private static Duration parseLogDeadLettersSuspendDuration(Config config) {
      String key = "troupe.log-dead-letters-suspend-duration";
      Object raw = config.getValue(key).unwrapped();
      if (raw instanceof String && "infinite".equalsIgnoreCase(((String) raw).trim())) return INFINITE;
      Duration d = config.getDuration(key);
      if (d.isNegative()) {
        throw new ConfigurationException(key + " = " + raw + " is negative (expected a duration >= 0, or infinite)");
      }
      return d;
    }

    private static SupervisorStrategy loadGuardianStrategy(ClassLoader cl, String cls) {
      try {
        Object o = Class.forName(cls, true, cl).getConstructor().newInstance();
        if (!(o instanceof SupervisorStrategyConfigurator)) {
          throw new ConfigurationException("troupe.actor.guardian-supervisor-strategy = " + cls + " does not implement "
              + SupervisorStrategyConfigurator.class.getName());
        }
        return ((SupervisorStrategyConfigurator) o).create();
      } catch (ReflectiveOperationException e) {
        throw new ConfigurationException("troupe.actor.guardian-supervisor-strategy = " + cls
            + " cannot be instantiated (expected a class with a public no-argument constructor implementing "
            + SupervisorStrategyConfigurator.class.getName() + "): " + e, e);
      }
    }

    /** The whole configuration, references included. */
    public Config config() { return config; }
    public String name() { return name; }
    /** The address protocol ({@code troupe.remote.protocol-name}). */
    public String protocol() { return protocol; }
    public String loglevel() { return loglevel; }
    /** How many dead letters are logged before logging pauses; 0 disables the log. */
    public int logDeadLetters() { return logDeadLetters; }
    public boolean logDeadLettersDuringShutdown() { return logDeadLettersDuringShutdown; }
    /** How long dead-letter logging pauses after {@link #logDeadLetters()} lines; {@link #INFINITE} for ever. */
    public Duration logDeadLettersSuspendDuration() { return logDeadLettersSuspendDuration; }
    public String providerClass() { return providerClass; }
    public String guardianSupervisorStrategyClass() { return guardianSupervisorStrategyClass; }
    public SupervisorStrategy guardianSupervisorStrategy() { return guardianSupervisorStrategy; }
    public boolean daemonic() { return daemonic; }
    public boolean logConfigOnStart() { return logConfigOnStart; }
    public boolean debugReceive() { return debugReceive; }
    public boolean debugAutoReceive() { return debugAutoReceive; }
    public boolean debugLifecycle() { return debugLifecycle; }
    public boolean debugUnhandled() { return debugUnhandled; }
    public boolean debugEventStream() { return debugEventStream; }
    /** Warn when a deployment entry makes an actor a router but its Props do not ({@code troupe.actor.debug.router-misconfiguration}). */
    public boolean debugRouterMisconfiguration() { return debugRouterMisconfiguration; }
    /** Ring positions per routee of consistent-hashing routers that do not set their own. */
    public int defaultVirtualNodesFactor() { return defaultVirtualNodesFactor; }
    /** The class loader of the system: for classes named in config (routers, mailboxes, extensions). */
    public ClassLoader classLoader() { return classLoader; }
    public Duration creationTimeout() { return creationTimeout; }
    public boolean serializeMessages() { return serializeMessages; }
    public boolean serializeCreators() { return serializeCreators; }
    /** {@code troupe.actor.serializers}, {@code serialization-bindings}, {@code serialization-identifiers} and friends. */
    public SerializationSettings serialization() { return serialization; }
    /** {@code troupe.actor.allow-java-serialization}. */
    public boolean allowJavaSerialization() { return serialization.allowJavaSerialization(); }

    @Override public String toString() { return config.root().render(); }
  }
}

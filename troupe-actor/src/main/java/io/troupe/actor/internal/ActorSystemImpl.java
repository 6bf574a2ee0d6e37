package io.troupe.actor.internal;

import com.typesafe.config.Config;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.ActorSelection;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Extension;
import io.troupe.actor.ExtensionId;
import io.troupe.actor.ExtensionIdProvider;
import io.troupe.actor.Props;
import io.troupe.actor.Scheduler;
import io.troupe.actor.Terminated;
import io.troupe.dispatch.Dispatchers;
import io.troupe.event.DeadLetterListener;
import io.troupe.event.EventStream;
import io.troupe.event.Logging;
import io.troupe.event.LoggingAdapter;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The actor system implementation. Internal API: use {@link ActorSystem}. */
public final class ActorSystemImpl extends ExtendedActorSystem {
  private static final Logger LOG = LoggerFactory.getLogger(ActorSystemImpl.class);
  private static final Pattern VALID_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-_]*$");

  private final String name;
  private final ClassLoader classLoader;
  private final Settings settings;
  private final EventStream eventStream;
  private final Scheduler scheduler;
  private final Dispatchers dispatchers;
  private final ActorRefProvider provider;
  private final long startTime = System.currentTimeMillis();
  private final ConcurrentHashMap<ExtensionId<?>, Object> extensions = new ConcurrentHashMap<>();
  private final List<Runnable> terminationCallbacks = new ArrayList<>();
  private final CompletableFuture<Terminated> whenTerminated = new CompletableFuture<>();
  private volatile boolean terminating;
  private volatile boolean terminated;
  private volatile Serialization serialization;
  private LoggingAdapter log;

  public ActorSystemImpl(String name, Config config, ClassLoader classLoader) {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid ActorSystem name [" + name + "], must contain only word characters "
          + "(i.e. [a-zA-Z0-9] plus non-leading '-' or '_')");
    }
    this.name = name;
    this.classLoader = classLoader;
    this.settings = new Settings(classLoader, config, name);
    this.eventStream = new EventStream(this, settings.debugEventStream());
    this.scheduler = createScheduler();
    Dispatchers d;
    try {
      d = new Dispatchers(settings, name, settings.daemonic());
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
    this.dispatchers = d;
    try {
      this.provider = createProvider();
    } catch (RuntimeException e) {
      scheduler.close();
      dispatchers.shutdownAll();
      throw e;
    }
  }

  private Scheduler createScheduler() {
    String cls = settings.config().getString("troupe.scheduler.implementation");
    try {
      Class<?> k = Class.forName(cls, true, classLoader);
      Constructor<?> c = k.getConstructor(Config.class, String.class, boolean.class);
      return (Scheduler) c.newInstance(settings.config(), name, settings.daemonic());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ConfigurationException("troupe.scheduler.implementation = " + cls + " cannot be created (expected a "
          + "Scheduler with a public constructor (Config, String systemName, boolean daemonic)): " + e, e);
    }
  }

  private ActorRefProvider createProvider() {
    String cls = settings.providerClass();
    Class<?> k;
    try {
      k = Class.forName(cls, true, classLoader);
    } catch (ClassNotFoundException e) {
      if (cls.startsWith("io.troupe.remote.")) {
        throw new ConfigurationException("troupe.actor.provider = " + settings.config().getString("troupe.actor.provider")
            + " needs the troupe-remote module (io.troupe:troupe-remote) on the class path", e);
      }
      throw new ConfigurationException("troupe.actor.provider = " + cls + ": class not found", e);
    }
    try {
      return (ActorRefProvider) k.getConstructor(String.class, Settings.class, EventStream.class)
          .newInstance(name, settings, eventStream);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) throw (RuntimeException) c;
      throw new ConfigurationException("troupe.actor.provider = " + cls + " failed to start: " + c, c);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ConfigurationException("troupe.actor.provider = " + cls + " is not an ActorRefProvider with a public "
          + "constructor (String, ActorSystem.Settings, EventStream)", e);
    }
  }

  /** Starts the provider and the system actors; on failure everything started is stopped again. */
  public ActorSystemImpl start() {
    try {
      if (settings.logConfigOnStart()) LOG.info("[{}] configuration:\n{}", name, settings.config().root().render());
      // before any actor starts: serializer and binding mistakes fail ActorSystem.create
      serialization = SerializationExtension.get(this);
      provider.init(this);
      log = Logging.getLogger(this, "ActorSystem(" + name + ")");
      if (settings.logDeadLetters() > 0) {
        systemActorOf(Props.create(DeadLetterListener.class), "deadLetterListener");
      }
      loadExtensions();
      return this;
    } catch (RuntimeException | Error e) {
      try {
        scheduler.close();
        dispatchers.shutdownAll();
        provider.shutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void loadExtensions() {
    for (String fqcn : settings.config().getStringList("troupe.extensions")) {
      try {
        Class<?> k = Class.forName(fqcn, true, classLoader);
        Object o;
        try {
          o = k.getField("MODULE$").get(null);
        } catch (NoSuchFieldException e) {
          try {
            o = k.getField("INSTANCE").get(null);
          } catch (NoSuchFieldException e2) {
            o = k.getConstructor().newInstance();
          }
        }
        if (o instanceof ExtensionIdProvider) o = ((ExtensionIdProvider) o).lookup();
        if (!(o instanceof ExtensionId)) {
          throw new ConfigurationException("troupe.extensions: [" + fqcn + "] is not an ExtensionId or ExtensionIdProvider");
        }
        registerExtension((ExtensionId<?>) o);
      } catch (ReflectiveOperationException e) {
        throw new ConfigurationException("troupe.extensions: [" + fqcn + "] cannot be loaded: " + e, e);
      }
    }
  }

  // ------------------------------------------------------------------ accessors

  @Override public String name() { return name; }
  @Override public Settings settings() { return settings; }
  @Override public EventStream eventStream() { return eventStream; }
  @Override public Scheduler scheduler() { return scheduler; }
  @Override public ActorRef deadLetters() { return provider.deadLetters(); }
  @Override public io.troupe.dispatch.MessageDispatcher dispatcher() { return dispatchers.defaultGlobalDispatcher(); }
  @Override public Dispatchers dispatchers() { return dispatchers; }
  @Override public ActorRefProvider provider() { return provider; }
  @Override public ActorRef guardian() { return provider.guardian(); }
  @Override public ActorRef systemGuardian() { return provider.systemGuardian(); }
  @Override public ClassLoader classLoader() { return classLoader; }
  @Override public long startTime() { return startTime; }
  @Override public long uptime() { return (System.currentTimeMillis() - startTime) / 1000; }

  @Override
  public LoggingAdapter log() {
    LoggingAdapter l = log;
    if (l == null) {
      l = Logging.getLogger(this, "ActorSystem(" + name + ")");
      log = l;
    }
    return l;
  }

  /** The serialization extension, or null while the system is still being created. */
  public Serialization serializationOrNull() { return serialization; }

  /** True once termination has started. */
  public boolean isTerminating() { return terminating; }

  public boolean isTerminated() { return terminated; }

  void markTerminating() { terminating = true; }

  @Override
  public <T> T createInstanceFor(String fqcn, Class<T> type, Class<?>[] argTypes, Object[] args) throws ReflectiveOperationException {
    Class<?> k = Class.forName(fqcn, true, classLoader);
    if (!type.isAssignableFrom(k)) throw new ClassCastException(fqcn + " is not a " + type.getName());
    return type.cast(k.getConstructor(argTypes).newInstance(args));
  }

  // ------------------------------------------------------------------ actors

  private ActorCell guardianCell() {
    return ((LocalActorRef) provider.guardian()).underlying();
  }

  @Override
  public ActorRef actorOf(Props props) {
    return guardianCell().attachChild(props, false);
  }

  @Override
  public ActorRef actorOf(Props props, String name) {
    return guardianCell().attachChild(props, name, false);
  }

  @Override
  public ActorRef systemActorOf(Props props, String name) {
    return ((LocalActorRef) provider.systemGuardian()).underlying().attachChild(props, name, true);
  }

  @Override
  public ActorSelection actorSelection(String path) {
    return ActorSelection.create(this, provider.rootGuardian(), path);
  }

  @Override
  public ActorSelection actorSelection(ActorPath path) {
    return ActorSelection.create(this, provider.rootGuardian(), path);
  }

  @Override
  public void stop(ActorRef actor) {
    if (actor == null) return;
    ActorPath p = actor.path();
    ActorPath guardianPath = provider.guardian().path();
    ActorPath systemPath = provider.systemGuardian().path();
    if (p.parent().equals(guardianPath)) provider.guardian().tell(new ActorCell.StopChild(actor), null);
    else if (p.parent().equals(systemPath)) provider.systemGuardian().tell(new ActorCell.StopChild(actor), null);
    else ((InternalActorRef) actor).stop();
  }

  // ------------------------------------------------------------------ extensions

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Extension> T registerExtension(ExtensionId<T> ext) {
    Object e = extensions.get(ext);
    if (e != null) return (T) e;
    synchronized (extensions) {
      e = extensions.get(ext);
      if (e != null) return (T) e;
      T created = ext.createExtension(this);
      if (created == null) throw new IllegalStateException("Extension [" + ext + "] returned null from createExtension");
      extensions.put(ext, created);
      return created;
    }
  }

  @Override
  public boolean hasExtension(ExtensionId<? extends Extension> ext) {
    return extensions.containsKey(ext);
  }

  // ------------------------------------------------------------------ termination

  @Override
  public CompletionStage<Terminated> terminate() {
    if (!terminating) {
      terminating = true;
      provider.guardian().stop();
    }
    return whenTerminated;
  }

  @Override
  public CompletionStage<Terminated> getWhenTerminated() {
    return whenTerminated;
  }

  @Override
  public void registerOnTermination(Runnable code) {
    synchronized (terminationCallbacks) {
      if (terminated) throw new IllegalStateException("ActorSystem [" + name + "] already terminated");
      terminationCallbacks.add(code);
    }
  }

  /** Called when the root guardian has stopped: runs the callbacks, stops threads, completes the future. */
  void onRootTerminated() {
    terminating = true;
    List<Runnable> callbacks;
    synchronized (terminationCallbacks) {
      terminated = true;
      callbacks = new ArrayList<>(terminationCallbacks);
      terminationCallbacks.clear();
    }
    try {
      for (int i = callbacks.size() - 1; i >= 0; i--) {
        try {
          callbacks.get(i).run();
        } catch (Throwable t) {
          LOG.error("[{}] termination callback failed", name, t);
        }
      }
    } finally {
      try {
        provider.shutdown();
      } catch (Throwable t) {
        LOG.error("[{}] provider shutdown failed", name, t);
      }
      scheduler.close();
      dispatchers.shutdownAll();
      whenTerminated.complete(new Terminated(provider.rootGuardian(), true, false));
    }
  }

  @Override
  public String toString() {
    return provider.getDefaultAddress() == null ? "troupe://" + name : provider.getDefaultAddress().toString();
  }
}

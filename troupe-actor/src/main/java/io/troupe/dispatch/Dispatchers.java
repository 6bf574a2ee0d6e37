package io.troupe.dispatch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import io.troupe.ConfigurationException;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.internal.ActorCell;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatchers and mailbox types of one actor system, looked up by config path. A dispatcher block falls back to
 * {@code troupe.actor.default-dispatcher}; a mailbox block to {@code troupe.actor.default-mailbox}.
 */
public final class Dispatchers {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatchers.class);

  public static final String DEFAULT_DISPATCHER_ID = "troupe.actor.default-dispatcher";
  public static final String DEFAULT_MAILBOX_ID = "troupe.actor.default-mailbox";
  /** The id used by {@code Props} when no dispatcher is given. */
  public static final String DEFAULT_DISPATCHER = DEFAULT_DISPATCHER_ID;

  private final Config config;
  private final ActorSystem.Settings settings;
  private final String systemName;
  private final boolean daemonic;
  private final ConcurrentHashMap<String, MessageDispatcher> dispatchers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, MailboxType> mailboxTypes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> stashCapacities = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> threadCounters = new ConcurrentHashMap<>();
  private final List<MessageDispatcher> pinned = new ArrayList<>();
  private volatile Mailbox deadLetterMailbox;
  private ActorSystem system;
  private final MessageDispatcher defaultDispatcher;

  public Dispatchers(ActorSystem.Settings settings, String systemName, boolean daemonic) {
    this.settings = settings;
    this.config = settings.config();
    this.systemName = systemName;
    this.daemonic = daemonic;
    this.defaultDispatcher = lookup(DEFAULT_DISPATCHER_ID);
    // validate the default mailbox eagerly so that a bad mailbox-type fails at system start
    mailboxType(DEFAULT_MAILBOX_ID);
  }

  /** Wires the system once its dead-letter ref exists. */
  public void init(ActorSystem system, ActorRef deadLetters) {
    this.system = system;
    this.deadLetterMailbox = new DeadLetterMailbox(deadLetters);
  }

  Mailbox deadLetterMailbox() { return deadLetterMailbox; }

  public MessageDispatcher defaultGlobalDispatcher() { return defaultDispatcher; }

  public boolean hasDispatcher(String id) {
    return config.hasPath(id) && config.getValue(id).valueType() == ConfigValueType.OBJECT;
  }

  /**
   * The dispatcher configured at {@code id} (a config path).
   *
   * @throws ConfigurationException when no such block exists or it is invalid
   */
  public MessageDispatcher lookup(String id) {
    if (id == null || id.isEmpty()) id = DEFAULT_DISPATCHER_ID;
    MessageDispatcher d = dispatchers.get(id);
    if (d != null) return d;
    if (!hasDispatcher(id)) {
      throw new ConfigurationException("Dispatcher [" + id + "] not configured: add a config block at path [" + id
          + "] (with at least type = Dispatcher), or use the default, " + DEFAULT_DISPATCHER_ID);
    }
    try {
      Config c = config.getConfig(id).withFallback(config.getConfig(DEFAULT_DISPATCHER_ID));
      String type = c.getString("type");
      if ("PinnedDispatcher".equals(type)) {
        // every lookup of a pinned dispatcher gets its own thread
        MessageDispatcher p = new PinnedDispatcher(this, id, newThreadPool(id, 1, 1, c.getConfig("thread-pool-executor")));
        synchronized (pinned) {
          pinned.removeIf(MessageDispatcher::isShutdown);
          pinned.add(p);
        }
        return p;
      }
      synchronized (this) {
        d = dispatchers.get(id);
        if (d != null) return d;
        d = create(id, c, type);
        dispatchers.put(id, d);
        return d;
      }
    } catch (ConfigException e) {
      throw invalidBlock("Dispatcher", id, e);
    }
  }

  /** A wrong-typed or malformed key inside a block: Typesafe names it relative to the block, so we add the block. */
  private static ConfigurationException invalidBlock(String what, String id, ConfigException e) {
    return new ConfigurationException(what + " [" + id + "] has an invalid setting (keys below are relative to " + id
        + "): " + e.getMessage(), e);
  }

  private MessageDispatcher create(String id, Config c, String type) {
    if (!"Dispatcher".equals(type)) {
      throw new ConfigurationException(id + ".type = " + type + " is not supported (expected Dispatcher or PinnedDispatcher)");
    }
    int throughput = c.getInt("throughput");
    if (throughput < 1) {
      throw new ConfigurationException(id + ".throughput = " + throughput + " is out of range (expected at least 1)");
    }
    long deadline = c.getDuration("throughput-deadline-time").toNanos();
    String executor = c.getString("executor");
    if ("default-executor".equals(executor)) executor = c.getString("default-executor.fallback");
    ExecutorService es;
    switch (executor) {
      case "fork-join-executor":
        es = newForkJoinPool(id, c.getConfig("fork-join-executor"));
        break;
      case "thread-pool-executor":
        es = newThreadPool(id, c.getConfig("thread-pool-executor"));
        break;
      default:
        throw new ConfigurationException(id + ".executor = " + executor
            + " is not supported (expected default-executor, fork-join-executor or thread-pool-executor)");
    }
    return new MessageDispatcher(this, id, throughput, deadline, es);
  }

  static int scaledPoolSize(String path, int floor, double factor, int ceiling) {
    if (floor < 1) throw new ConfigurationException(path + "-min = " + floor + " is out of range (expected at least 1)");
    if (ceiling < floor) throw new ConfigurationException(path + "-max = " + ceiling + " is less than " + path + "-min = " + floor);
    if (factor <= 0) throw new ConfigurationException(path + "-factor = " + factor + " is out of range (expected > 0)");
    int n = (int) Math.ceil(Runtime.getRuntime().availableProcessors() * factor);
    return Math.min(Math.max(n, floor), ceiling);
  }

  private ForkJoinPool newForkJoinPool(String id, Config fj) {
    int parallelism = scaledPoolSize(id + ".fork-join-executor.parallelism", fj.getInt("parallelism-min"),
        fj.getDouble("parallelism-factor"), fj.getInt("parallelism-max"));
    String peeking = fj.getString("task-peeking-mode");
    boolean async;
    if ("FIFO".equals(peeking)) async = true;
    else if ("LIFO".equals(peeking)) async = false;
    else throw new ConfigurationException(id + ".fork-join-executor.task-peeking-mode = " + peeking + " (expected FIFO or LIFO)");
    String prefix = systemName + "-" + id + "-";
    AtomicInteger n = threadCounter(id);
    ForkJoinPool.ForkJoinWorkerThreadFactory f = pool -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      t.setName(prefix + n.incrementAndGet());
      t.setDaemon(daemonic);
      return t;
    };
    return new ForkJoinPool(parallelism, f, (t, e) -> LOG.error("uncaught exception in [{}]", t.getName(), e), async);
  }

  private ExecutorService newThreadPool(String id, Config tp) {
    int size;
    if (tp.hasPath("fixed-pool-size") && tp.getValue("fixed-pool-size").valueType() == ConfigValueType.NUMBER) {
      size = tp.getInt("fixed-pool-size");
      if (size < 1) throw new ConfigurationException(id + ".thread-pool-executor.fixed-pool-size = " + size + " is out of range (expected at least 1)");
    } else {
      size = scaledPoolSize(id + ".thread-pool-executor.core-pool-size", tp.getInt("core-pool-size-min"),
          tp.getDouble("core-pool-size-factor"), tp.getInt("core-pool-size-max"));
    }
    return newThreadPool(id, size, size, tp);
  }

  /** A pool of {@code core..max} threads configured by the dispatcher's {@code thread-pool-executor} block {@code tp}. */
  private ExecutorService newThreadPool(String id, int core, int max, Config tp) {
    long keepAliveMillis = tp.getDuration("keep-alive-time").toMillis();
    if (keepAliveMillis < 1) {
      throw new ConfigurationException(id + ".thread-pool-executor.keep-alive-time = " + tp.getValue("keep-alive-time").render()
          + " is out of range (expected at least 1ms)");
    }
    ThreadPoolExecutor ex = new ThreadPoolExecutor(core, max, keepAliveMillis, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), threadFactory(id));
    ex.allowCoreThreadTimeOut(tp.getBoolean("allow-core-timeout"));
    return ex;
  }


  /**
   * Threads are numbered per dispatcher id across all its executors: every pinned actor has an executor of its own,
   * and a fresh counter per executor would give all their threads the same name.
   */
  private AtomicInteger threadCounter(String id) {
    return threadCounters.computeIfAbsent(id, k -> new AtomicInteger());
  }

  private ThreadFactory threadFactory(String id) {
    String prefix = systemName + "-" + id + "-";
    AtomicInteger n = threadCounter(id);
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(daemonic);
      return t;
    };
  }

  // ------------------------------------------------------------------ mailboxes

  /**
   * The mailbox type for an actor: the Props' mailbox id if given, else the dispatcher's {@code mailbox-type} if set,
   * else the default mailbox.
   */
  public MailboxType mailboxTypeFor(String propsMailbox, String dispatcherId) {
    if (propsMailbox != null && !propsMailbox.isEmpty()) return mailboxType(propsMailbox);
    String did = dispatcherId == null || dispatcherId.isEmpty() ? DEFAULT_DISPATCHER_ID : dispatcherId;
    if (config.hasPath(did + ".mailbox-type") && !config.getString(did + ".mailbox-type").isEmpty()) {
      return mailboxTypes.computeIfAbsent("dispatcher:" + did, k -> instantiate(did, config.getConfig(did)
          .withFallback(config.getConfig(DEFAULT_MAILBOX_ID))));
    }
    return mailboxType(DEFAULT_MAILBOX_ID);
  }

  /** The mailbox type configured at config path {@code id}. */
  public MailboxType mailboxType(String id) {
    MailboxType t = mailboxTypes.get(id);
    if (t != null) return t;
    if (!config.hasPath(id) || config.getValue(id).valueType() != ConfigValueType.OBJECT) {
      throw new ConfigurationException("Mailbox [" + id + "] not configured: add a config block at path [" + id
          + "] with mailbox-type = <class name>, e.g. io.troupe.dispatch.BoundedMailbox");
    }
    try {
      t = instantiate(id, config.getConfig(id).withFallback(config.getConfig(DEFAULT_MAILBOX_ID)));
    } catch (ConfigException e) {
      throw invalidBlock("Mailbox", id, e);
    }
    MailboxType prev = mailboxTypes.putIfAbsent(id, t);
    return prev == null ? t : prev;
  }

  private MailboxType instantiate(String id, Config c) {
    String cls = c.getString("mailbox-type");
    try {
      Class<?> k = Class.forName(translate(cls), true, Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : Dispatchers.class.getClassLoader());
      if (!MailboxType.class.isAssignableFrom(k)) {
        throw new ConfigurationException(id + ".mailbox-type = " + cls + " does not implement " + MailboxType.class.getName());
      }
      try {
        Constructor<?> ctor = k.getConstructor(ActorSystem.Settings.class, Config.class);
        return (MailboxType) ctor.newInstance(settings, c);
      } catch (NoSuchMethodException e) {
        return (MailboxType) k.getConstructor().newInstance();
      }
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException(id + ".mailbox-type = " + cls + ": class not found", e);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigurationException) throw (ConfigurationException) cause;
      throw new ConfigurationException(id + ".mailbox-type = " + cls + " could not be created: " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException(id + ".mailbox-type = " + cls + " needs a public constructor (ActorSystem.Settings, Config) or ()", e);
    }
  }

  /** Accepts Pekko's class names for the built-in mailboxes, so configs port unchanged apart from the root. */
  private static String translate(String cls) {
    if (cls.startsWith("org.apache.pekko.dispatch.")) return "io.troupe.dispatch." + cls.substring("org.apache.pekko.dispatch.".length());
    return cls;
  }

  /**
   * The stash capacity of an actor with this dispatcher and mailbox (negative: unbounded). As in Pekko, the mailbox
   * block is read first, then the dispatcher block, then {@code troupe.actor.default-mailbox}.
   *
   * @throws ConfigurationException when the value is not an integer
   */
  public int stashCapacity(String dispatcherId, String mailboxId) {
    String did = dispatcherId == null || dispatcherId.isEmpty() ? DEFAULT_DISPATCHER_ID : dispatcherId;
    String mid = mailboxId == null || mailboxId.isEmpty() ? DEFAULT_MAILBOX_ID : mailboxId;
    return stashCapacities.computeIfAbsent(did + ":" + mid, k -> {
      Config c = config.getConfig(DEFAULT_MAILBOX_ID);
      if (config.hasPath(did) && config.getValue(did).valueType() == ConfigValueType.OBJECT) c = config.getConfig(did).withFallback(c);
      if (!mid.equals(DEFAULT_MAILBOX_ID) && config.hasPath(mid) && config.getValue(mid).valueType() == ConfigValueType.OBJECT) {
        c = config.getConfig(mid).withFallback(c);
      }
      try {
        return c.getInt("stash-capacity");
      } catch (ConfigException e) {
        throw new ConfigurationException("stash-capacity for dispatcher [" + did + "] and mailbox [" + mid + "] is invalid "
            + "(expected an integer; negative means unbounded): " + e.getMessage(), e);
      }
    });
  }

  /** Creates the mailbox for a new actor cell. */
  public Mailbox createMailbox(ActorCell cell, MailboxType type) {
    return new Mailbox(type.create(Optional.of(cell.selfRef()), Optional.ofNullable(system)));
  }

  /** Shuts every executor down; running tasks finish. */
  public void shutdownAll() {
    for (MessageDispatcher d : dispatchers.values()) d.shutdown();
    synchronized (pinned) {
      for (MessageDispatcher d : pinned) d.shutdown();
      pinned.clear();
    }
  }
}

package io.troupe.actor.internal;

import io.troupe.actor.AbstractActor;
import io.troupe.actor.Actor;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorInitializationException;
import io.troupe.actor.ActorKilledException;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSelection;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AutoReceivedMessage;
import io.troupe.actor.Cancellable;
import io.troupe.actor.ChildRestartStats;
import io.troupe.actor.DeathPactException;
import io.troupe.actor.Identify;
import io.troupe.actor.InvalidActorNameException;
import io.troupe.actor.InvalidMessageException;
import io.troupe.actor.Kill;
import io.troupe.actor.NotInfluenceReceiveTimeout;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.PostRestartException;
import io.troupe.actor.PreRestartException;
import io.troupe.actor.Props;
import io.troupe.actor.ReceiveTimeout;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.actor.UnhandledMessage;
import io.troupe.dispatch.Envelope;
import io.troupe.dispatch.Mailbox;
import io.troupe.dispatch.MessageDispatcher;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.dispatch.sysmsg.SystemMessage.Create;
import io.troupe.dispatch.sysmsg.SystemMessage.DeathWatchNotification;
import io.troupe.dispatch.sysmsg.SystemMessage.Failed;
import io.troupe.dispatch.sysmsg.SystemMessage.Recreate;
import io.troupe.dispatch.sysmsg.SystemMessage.Resume;
import io.troupe.dispatch.sysmsg.SystemMessage.Suspend;
import io.troupe.dispatch.sysmsg.SystemMessage.Terminate;
import io.troupe.dispatch.sysmsg.SystemMessage.Unwatch;
import io.troupe.dispatch.sysmsg.SystemMessage.Watch;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.internal.SerializationVerification;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one actor: its instance, behaviour stack, children, death watch and failure handling.
 *
 * <p>Design note. A cell is driven by its {@link Mailbox}, which a dispatcher thread runs; at most one thread runs a
 * mailbox at a time, so every field here that is not volatile is owned by "the actor's thread" of the moment and
 * needs no lock. Other threads only (a) enqueue user and system messages through the mailbox, (b) read the children
 * map (a ConcurrentHashMap, for selections and lookups) and (c) reserve child names in it ({@code system.actorOf}
 * runs on the caller's thread against the guardian's cell).
 *
 * <p>States. A cell is created, then started by a {@link Create} system message. A failure while processing a message
 * suspends the mailbox and the children and sends {@link Failed} to the parent; the parent's
 * {@link SupervisorStrategy} answers with {@link Resume}, {@link Recreate} or {@link Terminate}. Recreate and
 * Terminate first stop the children they must stop and wait for their death notifications ({@code toDie}), then finish:
 * a fresh instance, or postStop, mailbox closure (remaining messages go to dead letters), and death notifications to
 * the parent and to every watcher, exactly once each. While a recreate waits for children, lifecycle system messages
 * are kept aside and replayed after it.
 */
public final class ActorCell implements AbstractActor.ActorContext {
  private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);
  private static final ThreadLocal<ActorCell> CONSTRUCTING = new ThreadLocal<>();
  private static final Object RESERVED = new Object();
  private static final Object NO_CUSTOM_MESSAGE = new Object();

  private static final int NORMAL = 0;
  private static final int USER_REQUEST = 1; // waiting for children stopped by context.stop
  private static final int RECREATION = 2;
  private static final int TERMINATION = 3;
  private static final int TERMINATED = 4;

  private final ActorSystemImpl system;
  private final LocalActorRef self;
  private final InternalActorRef parent;
  private Props props;
  private final MessageDispatcher dispatcher;
  private volatile Mailbox mailbox;

  private AbstractActor actor;
  private Envelope currentMessage;
  private final ArrayList<AbstractActor.Receive> behaviorStack = new ArrayList<>(2);

  // children: read by any thread, written by the actor's thread or by a creator reserving a name
  private volatile ConcurrentHashMap<String, Object> children;
  private volatile int childrenState = NORMAL;
  private Set<ActorRef> toDie;
  private Throwable recreateCause;
  private volatile long nextNameSeq;
  private static final AtomicLongFieldUpdater<ActorCell> NAME_SEQ =
      AtomicLongFieldUpdater.newUpdater(ActorCell.class, "nextNameSeq");

  // death watch (actor's thread only)
  private Map<ActorRef, Object> watching;
  private Set<ActorRef> watchedBy;
  private Map<ActorRef, Object> terminatedQueued;

  // failure handling (actor's thread only)
  private ActorRef failedPerpetrator;
  private List<SystemMessage> sysStash;

  // receive timeout
  private Duration receiveTimeout = Duration.ZERO;
  private Cancellable receiveTimeoutTask;
  private boolean receiveTimeoutChanged; // set by setReceiveTimeout during the current message

  private TimerSchedulerImpl timers;

  // troupe.actor.serialize-messages / serialize-creators: test aids, read once so the check costs one field read
  private final boolean serializeMessages;
  private final boolean serializeCreators;

  ActorCell(ActorSystemImpl system, LocalActorRef self, Props props, MessageDispatcher dispatcher, InternalActorRef parent) {
    this.system = system;
    this.self = self;
    this.props = props;
    this.dispatcher = dispatcher;
    this.parent = parent;
    this.serializeMessages = system.settings().serializeMessages();
    this.serializeCreators = system.settings().serializeCreators();
  }

  /** Creates the mailbox and enqueues Create; the cell runs once {@link #start()} attaches it to its dispatcher. */
  void init(Mailbox mbox) {
    mbox.setActor(this);
    this.mailbox = mbox;
    mbox.systemEnqueue(self, new Create(null));
  }

  void start() {
    dispatcher.attach(this);
  }

  // ------------------------------------------------------------------ constructing actors

  /** Called by the {@link AbstractActor} constructor: the cell that is creating it on this thread. */
  public static ActorCell takeConstructingCell(Class<?> actorClass) {
    ActorCell c = CONSTRUCTING.get();
    if (c == null) {
      throw new ActorInitializationException(null, "You cannot create an instance of [" + actorClass.getName()
          + "] with 'new'. Create actors with actorOf(Props) on an ActorSystem or an actor's context.", null);
    }
    CONSTRUCTING.set(null);
    return c;
  }

  private AbstractActor newActor() throws Exception {
    behaviorStack.clear();
    CONSTRUCTING.set(this);
    Actor created;
    try {
      created = props.newActor();
    } finally {
      CONSTRUCTING.remove();
    }
    if (!(created instanceof AbstractActor)) {
      throw new IllegalArgumentException("Actor class [" + (created == null ? "null" : created.getClass().getName())
          + "] must extend io.troupe.actor.AbstractActor");
    }
    AbstractActor a = (AbstractActor) created;
    if (a.actorCell() != this) {
      throw new IllegalStateException("The creator of [" + self.path() + "] returned an actor instance that it did not "
          + "create; a Creator must return a new instance each time");
    }
    actor = a;
    // a become() in the constructor wins over createReceive(), as in Pekko
    if (behaviorStack.isEmpty()) behaviorStack.add(initialBehavior(a));
    return a;
  }

  private static AbstractActor.Receive initialBehavior(AbstractActor a) {
    AbstractActor.Receive initial = a.createReceive();
    if (initial == null) {
      throw new IllegalStateException("createReceive() of [" + a.getClass().getName() + "] returned null");
    }
    return initial;
  }

  // ------------------------------------------------------------------ accessors

  public ActorSystemImpl systemImpl() { return system; }
  public LocalActorRef selfRef() { return self; }
  public InternalActorRef parentRef() { return parent; }
  public Mailbox mailbox() { return mailbox; }
  public MessageDispatcher dispatcherImpl() { return dispatcher; }
  public AbstractActor actorInstance() { return actor; }
  public Envelope currentEnvelope() { return currentMessage; }

  /** Replaces the mailbox (with the dead-letter mailbox at termination); returns the old one. */
  public Mailbox swapMailbox(Mailbox next) {
    Mailbox old = mailbox;
    mailbox = next;
    return old;
  }

  public boolean isTerminated() { return mailbox.isClosed(); }

  // ------------------------------------------------------------------ sending

  public void sendMessage(Object message, ActorRef sender) {
    if (message == null) throw new InvalidMessageException("Message is null");
    if (serializeMessages) message = roundTripSerialization(message);
    dispatcher.dispatch(this, new Envelope(message, sender));
  }

  /**
   * As {@link #sendMessage}, but the mailbox is not scheduled: the caller calls {@link Mailbox#scheduleIfIdle()} on the
   * returned mailbox (see {@link BatchedDelivery}).
   */
  public Mailbox sendMessageUnscheduled(Object message, ActorRef sender) {
    if (message == null) throw new InvalidMessageException("Message is null");
    if (serializeMessages) message = roundTripSerialization(message);
    return dispatcher.enqueueUnscheduled(this, new Envelope(message, sender));
  }

  /** serialize-messages: the message after a serialization round trip (throws IllegalArgumentException if it fails). */
  private Object roundTripSerialization(Object message) {
    Serialization s = system.serializationOrNull();
    return s == null ? message : SerializationVerification.roundTrip(s, message);
  }

  public void sendSystemMessage(SystemMessage message) {
    dispatcher.systemDispatch(this, message);
  }

  // ------------------------------------------------------------------ processing (actor's thread)

  /** Processes one user message. */
  public void invoke(Envelope env) {
    final Object msg = env.message;
    final boolean influence = !(msg instanceof NotInfluenceReceiveTimeout);
    if (influence && receiveTimeoutTask != null) cancelReceiveTimeoutTask();
    receiveTimeoutChanged = false;
    currentMessage = env;
    try {
      if (msg instanceof AutoReceivedMessage) autoReceiveMessage(env);
      else receiveMessage(msg);
      currentMessage = null;
    } catch (Throwable t) {
      handleInvokeFailure(null, t);
    } finally {
      // a message that does not influence the timeout leaves it running, unless it changed the timeout itself
      if (influence || receiveTimeoutChanged) checkReceiveTimeout();
    }
  }

  private void receiveMessage(Object msg) throws Exception {
    AbstractActor a = actor;
    if (a == null) {
      system.deadLetters().tell(new io.troupe.actor.DeadLetter(msg, sender(), self), sender());
      return;
    }
    if (msg instanceof TimerSchedulerImpl.TimerMsg) {
      if (timers == null) return;
      msg = timers.interceptTimerMsg((TimerSchedulerImpl.TimerMsg) msg);
      if (msg == null) return;
      // the actor sees the timer's own message, and so must stash(), which keeps currentMessage: a stashed wrapper
      // would be dropped as stale when unstashed (a single timer is gone by then)
      currentMessage = new Envelope(msg, currentMessage.sender);
      if (msg instanceof AutoReceivedMessage) {
        autoReceiveMessage(currentMessage);
        return;
      }
    }
    a.aroundReceive(behaviorStack.get(behaviorStack.size() - 1), msg);
  }

  private void autoReceiveMessage(Envelope env) throws Exception {
    Object msg = env.message;
    if (system.settings().debugAutoReceive() && LOG.isDebugEnabled()) {
      LOG.debug("[{}] received AutoReceiveMessage {} from {}", self.path(), msg, env.sender);
    }
    if (msg instanceof Terminated) {
      receivedTerminated((Terminated) msg);
    } else if (msg instanceof PoisonPill) {
      self.stop();
    } else if (msg instanceof Kill) {
      throw new ActorKilledException("Kill");
    } else if (msg instanceof Identify) {
      ActorRef s = sender();
      s.tell(new ActorIdentity(((Identify) msg).messageId(), Optional.of(self)), self);
    } else if (msg instanceof ActorSelectionMessage) {
      ActorSelection.deliverSelection(self, env.sender, (ActorSelectionMessage) msg);
    } else if (msg instanceof StopChild) {
      stop(((StopChild) msg).child());
    } else {
      receiveMessage(msg);
    }
  }

  /** Default of {@link AbstractActor#unhandled}. */
  public void unhandled(Object message) {
    if (message instanceof Terminated) throw new DeathPactException(((Terminated) message).getActor());
    system.eventStream().publish(new UnhandledMessage(message, sender(), self));
    if (system.settings().debugUnhandled() && LOG.isDebugEnabled()) {
      LOG.debug("[{}] unhandled message from {}: {}", self.path(), sender(), message);
    }
  }

  /** Processes one system message. */
  public void systemInvoke(SystemMessage message) {
    try {
      if (shouldStash(message)) {
        if (sysStash == null) sysStash = new ArrayList<>(2);
        sysStash.add(message);
        return;
      }
      if (message instanceof DeathWatchNotification) {
        DeathWatchNotification d = (DeathWatchNotification) message;
        watchedActorTerminated(d.actor(), d.existenceConfirmed(), d.addressTerminated());
      } else if (message instanceof Failed) {
        handleFailure((Failed) message);
      } else if (message instanceof Watch) {
        addWatcher(((Watch) message).watchee(), ((Watch) message).watcher());
      } else if (message instanceof Unwatch) {
        remWatcher(((Unwatch) message).watchee(), ((Unwatch) message).watcher());
      } else if (message instanceof Create) {
        create(((Create) message).failure());
      } else if (message instanceof Recreate) {
        faultRecreate(((Recreate) message).cause());
      } else if (message instanceof Suspend) {
        faultSuspend();
      } else if (message instanceof Resume) {
        faultResume(((Resume) message).causedByFailure());
      } else if (message instanceof Terminate) {
        terminate();
      } else if (message instanceof SystemMessage.NoMessage) {
        // a wake-up only
      }
    } catch (Throwable t) {
      handleInvokeFailure(null, t);
    }
  }

  private boolean shouldStash(SystemMessage m) {
    if (childrenState == RECREATION
        && (m instanceof Recreate || m instanceof Suspend || m instanceof Resume || m instanceof Create)) {
      return true;
    }
    return failedPerpetrator != null && m instanceof Failed && !((Failed) m).child().equals(failedPerpetrator)
        && childrenState < TERMINATION;
  }

  private void unstashSystemMessages() {
    if (sysStash == null || sysStash.isEmpty()) return;
    List<SystemMessage> pending = sysStash;
    sysStash = null;
    for (SystemMessage m : pending) systemInvoke(m);
  }

  // ------------------------------------------------------------------ lifecycle

  private void create(ActorInitializationException failure) {
    if (failure != null) throw failure;
    try {
      AbstractActor a = newActor();
      a.aroundPreStart();
      checkReceiveTimeout();
      if (system.settings().debugLifecycle()) LOG.debug("[{}] started ({})", self.path(), a.getClass().getName());
    } catch (Throwable e) {
      clearActor();
      if (e instanceof ActorInitializationException && ((ActorInitializationException) e).getActor() == self) throw (ActorInitializationException) e;
      Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
      throw new ActorInitializationException(self, "exception during creation, root cause message: ["
          + rootCauseMessage(cause) + "]", cause);
    }
  }

  private static String rootCauseMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) r = r.getCause();
    return r.getMessage() == null ? r.getClass().getName() : r.getMessage();
  }

  private void faultSuspend() {
    mailbox.suspend();
    suspendChildren(null);
  }

  private void faultResume(Throwable causedByFailure) {
    if (actor == null) {
      // creation failed and the supervisor chose resume: try creating again
      faultCreate();
      return;
    }
    if (childrenState >= TERMINATION) {
      return;
    }
    ActorRef perp = failedPerpetrator;
    try {
      mailbox.resume();
    } finally {
      if (causedByFailure != null) clearFailed();
    }
    resumeChildren(causedByFailure, perp);
    if (causedByFailure != null) unstashSystemMessages();
  }

  private void faultCreate() {
    if (childrenState >= TERMINATION) return;
    mailbox.resume();
    clearFailed();
    try {
      create(null);
    } finally {
      unstashSystemMessages();
    }
  }

  private void faultRecreate(Throwable cause) {
    if (actor == null) {
      LOG.error("[{}] restarting an actor whose creation failed: creating it again after {}", self.path(), cause.toString());
      faultCreate();
      return;
    }
    if (childrenState >= TERMINATION) {
      // keep the suspend count balanced
      faultResume(null);
      return;
    }
    AbstractActor failed = actor;
    Optional<Object> optionalMessage = currentMessage == null ? Optional.empty() : Optional.ofNullable(currentMessage.message);
    try {
      if (timers != null) timers.cancelAll();
      failed.aroundPreRestart(cause, optionalMessage);
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) throw (VirtualMachineError) e;
      // best effort, as in Pekko: the actor is failed already, so a failing preRestart is logged and the restart
      // goes on (reporting it to the parent would be ignored and leave the actor suspended for good)
      LOG.error("[{}] preRestart failed; restarting anyway", self.path(), new PreRestartException(self, e, cause, optionalMessage));
    } finally {
      currentMessage = null;
      behaviorStack.clear();
    }
    cancelReceiveTimeoutTask();
    if (toDie != null && !toDie.isEmpty()) {
      childrenState = RECREATION;
      recreateCause = cause;
    } else {
      finishRecreate(cause);
    }
  }

  private void finishRecreate(Throwable cause) {
    List<ActorRef> survivors = getChildren();
    try {
      try {
        mailbox.resume();
      } finally {
        clearFailed();
      }
      actor = null;
      AbstractActor fresh = newActor();
      fresh.aroundPostRestart(cause);
      checkReceiveTimeout();
      if (system.settings().debugLifecycle()) LOG.debug("[{}] restarted", self.path());
      for (ActorRef child : survivors) {
        try {
          ((InternalActorRef) child).restart(cause);
        } catch (Throwable e) {
          LOG.error("[{}] restarting surviving child [{}] failed", self.path(), child.path(), e);
        }
      }
    } catch (Throwable e) {
      // keep the fresh instance (if it was created): as in Pekko it gets postStop, or preRestart, from what the
      // supervisor decides next
      Throwable c = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
      handleInvokeFailure(survivors, new PostRestartException(self, c, cause));
    } finally {
      unstashSystemMessages();
    }
  }

  private void terminate() {
    cancelReceiveTimeoutTask();
    if (childrenState == TERMINATED) return;
    boolean wasTerminating = childrenState >= TERMINATION;
    ConcurrentHashMap<String, Object> ch = children;
    if (ch != null) {
      for (Object o : ch.values()) {
        if (o instanceof ChildRestartStats) stop(((ChildRestartStats) o).child());
      }
    }
    if (toDie != null && !toDie.isEmpty()) {
      childrenState = TERMINATION;
      if (!wasTerminating) {
        mailbox.suspend(); // no user messages while waiting for the children
        failedPerpetrator = self; // failures during shutdown are not propagated
      }
    } else {
      childrenState = TERMINATED;
      finishTerminate();
    }
  }

  private void finishTerminate() {
    childrenState = TERMINATED;
    AbstractActor a = actor;
    try {
      if (a != null) {
        if (timers != null) timers.cancelAll();
        a.aroundPostStop();
      }
    } catch (Throwable e) {
      LOG.error("[{}] postStop failed", self.path(), e);
    } finally {
      try {
        dispatcher.detach(this);
      } finally {
        try {
          parent.sendSystemMessage(new DeathWatchNotification(self, true, false));
        } finally {
          try {
            tellWatchersWeDied();
          } finally {
            try {
              unwatchWatchedActors();
            } finally {
              if (system.settings().debugLifecycle()) LOG.debug("[{}] stopped", self.path());
              clearActor();
              behaviorStack.clear();
              currentMessage = null;
              sysStash = null;
            }
          }
        }
      }
    }
  }

  private void clearActor() {
    actor = null;
  }

  // ------------------------------------------------------------------ failure handling

  private void handleInvokeFailure(List<ActorRef> childrenNotToSuspend, Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      LOG.error("[{}] fatal error, rethrowing", self.path(), t);
      throw (VirtualMachineError) t;
    }
    if (t instanceof InterruptedException) Thread.interrupted();
    if (failedPerpetrator != null) {
      if (childrenState >= TERMINATION) {
        LOG.debug("[{}] failure while stopping, ignored: {}", self.path(), t.toString());
      } else {
        LOG.error("[{}] failure while already failed, ignored", self.path(), t);
      }
      return;
    }
    try {
      mailbox.suspend();
      Object cur = currentMessage == null ? null : currentMessage.message;
      failedPerpetrator = cur instanceof Failed ? ((Failed) cur).child() : self;
      Set<ActorRef> skip = new HashSet<>();
      if (childrenNotToSuspend != null) skip.addAll(childrenNotToSuspend);
      if (failedPerpetrator != self) skip.add(failedPerpetrator);
      suspendChildren(skip);
      parent.sendSystemMessage(new Failed(self, t, self.path().uid()));
    } catch (Throwable e) {
      LOG.error("[{}] emergency stop: exception in failure handling of {}", self.path(), t.toString(), e);
      try {
        for (ActorRef c : getChildren()) stop(c);
      } finally {
        finishTerminate();
      }
    }
  }

  private void clearFailed() {
    failedPerpetrator = null;
  }

  private void handleFailure(Failed f) {
    currentMessage = new Envelope(f, f.child());
    Object slot = lookupChildSlot(f.child());
    if (!(slot instanceof ChildRestartStats) || ((ChildRestartStats) slot).uid() != f.uid()) {
      LOG.debug("[{}] dropping Failed({}) from unknown or old child {}", self.path(), f.cause(), f.child());
      currentMessage = null;
      return;
    }
    if (childrenState >= TERMINATION) {
      currentMessage = null;
      return; // the child is being stopped anyway
    }
    SupervisorStrategy strategy = actor != null ? actor.supervisorStrategy() : SupervisorStrategy.defaultStrategy;
    if (strategy == null) strategy = SupervisorStrategy.defaultStrategy;
    boolean handled = strategy.handleFailure(this, f.child(), f.cause(), (ChildRestartStats) slot, childStats());
    if (!handled) {
      // escalate: fail ourselves with the same cause (currentMessage stays the Failed, so the child is the perpetrator)
      throwUnchecked(f.cause());
    }
    currentMessage = null;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void throwUnchecked(Throwable t) throws E {
    throw (E) t;
  }

  private void suspendChildren(Set<ActorRef> except) {
    for (ActorRef c : getChildren()) {
      if (except == null || !except.contains(c)) ((InternalActorRef) c).suspend();
    }
  }

  private void resumeChildren(Throwable causedByFailure, ActorRef perp) {
    for (ActorRef c : getChildren()) {
      ((InternalActorRef) c).resume(c.equals(perp) ? causedByFailure : null);
    }
  }

  // ------------------------------------------------------------------ children

  private ConcurrentHashMap<String, Object> childrenMap() {
    ConcurrentHashMap<String, Object> m = children;
    if (m == null) {
      synchronized (this) {
        m = children;
        if (m == null) {
          m = new ConcurrentHashMap<>(4);
          children = m;
        }
      }
    }
    return m;
  }

  private Object lookupChildSlot(ActorRef child) {
    ConcurrentHashMap<String, Object> m = children;
    if (m == null) return null;
    Object o = m.get(child.path().name());
    if (o instanceof ChildRestartStats && ((ChildRestartStats) o).child().equals(child)) return o;
    return null;
  }

  private boolean isChild(ActorRef ref) {
    return lookupChildSlot(ref) != null;
  }

  /** The live child with that name (any thread), or null. */
  public InternalActorRef getChildByName(String name) {
    ConcurrentHashMap<String, Object> m = children;
    if (m == null) return null;
    Object o = m.get(name);
    return o instanceof ChildRestartStats ? (InternalActorRef) ((ChildRestartStats) o).child() : null;
  }

  private List<ChildRestartStats> childStats() {
    ConcurrentHashMap<String, Object> m = children;
    if (m == null || m.isEmpty()) return Collections.emptyList();
    List<ChildRestartStats> out = new ArrayList<>(m.size());
    for (Object o : m.values()) if (o instanceof ChildRestartStats) out.add((ChildRestartStats) o);
    return out;
  }

  /** Creates a child with a generated {@code $} name; callable as {@link #attachChild(Props, String, boolean)}. */
  public ActorRef attachChild(Props childProps, boolean systemService) {
    return attachChild(childProps, randomName(), systemService, true);
  }

  /**
   * Creates a child; callable from the actor's thread or, for guardians, from any thread.
   *
   * @throws InvalidActorNameException when {@code name} is null, invalid or taken
   */
  public ActorRef attachChild(Props childProps, String name, boolean systemService) {
    return attachChild(childProps, name, systemService, false);
  }

  private ActorRef attachChild(Props childProps, String name, boolean systemService, boolean generatedName) {
    if (name == null) {
      throw new InvalidActorNameException("actor name must not be null");
    } else if (!systemService && !generatedName) {
      ActorPath.validatePathElement(name);
    }
    if (serializeCreators && !systemService) {
      Serialization s = system.serializationOrNull();
      if (s != null) SerializationVerification.checkCreator(s, childProps, self.path() + "/" + name);
    }
    ConcurrentHashMap<String, Object> m = childrenMap();
    if (m.putIfAbsent(name, RESERVED) != null) {
      throw new InvalidActorNameException("actor name [" + name + "] is not unique!");
    }
    if (childrenState >= TERMINATION) {
      m.remove(name, RESERVED);
      throw new IllegalStateException("cannot create children while terminating or terminated: [" + self.path() + "]");
    }
    InternalActorRef child;
    try {
      child = system.provider().actorOf(system, childProps, self, self.path().child(name).withUid(newUid()), systemService);
    } catch (Throwable t) {
      m.remove(name, RESERVED);
      if (childrenState >= TERMINATION) self.sendSystemMessage(new SystemMessage.NoMessage());
      throw t;
    }
    m.put(name, new ChildRestartStats(child));
    child.start();
    if (childrenState >= TERMINATION) child.stop();
    return child;
  }

  private static int newUid() {
    int uid;
    do {
      uid = ThreadLocalRandom.current().nextInt();
    } while (uid == ActorPath.UNDEFINED_UID);
    return uid;
  }

  private String randomName() {
    long n = NAME_SEQ.getAndIncrement(this);
    return "$" + base64(n);
  }

  private static final char[] BASE64 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~".toCharArray();

  static String base64(long n) {
    StringBuilder sb = new StringBuilder(8);
    long v = n;
    do {
      sb.append(BASE64[(int) (v & 63)]);
      v >>>= 6;
    } while (v != 0);
    return sb.toString();
  }

  private void shallDie(ActorRef child) {
    if (toDie == null) toDie = new HashSet<>(4);
    toDie.add(child);
    if (childrenState == NORMAL) childrenState = USER_REQUEST;
  }

  private void handleChildTerminated(ActorRef child) {
    ConcurrentHashMap<String, Object> m = children;
    if (m != null) {
      Object o = m.get(child.path().name());
      if (o instanceof ChildRestartStats && ((ChildRestartStats) o).child().equals(child)) m.remove(child.path().name(), o);
    }
    if (toDie != null) toDie.remove(child);
    if (toDie == null || toDie.isEmpty()) {
      int state = childrenState;
      if (state == USER_REQUEST) {
        childrenState = NORMAL;
      } else if (state == RECREATION) {
        childrenState = NORMAL;
        Throwable cause = recreateCause;
        recreateCause = null;
        finishRecreate(cause);
      } else if (state == TERMINATION) {
        finishTerminate();
      }
    }
    AbstractActor a = actor;
    if (a != null && childrenState < TERMINATION) {
      try {
        SupervisorStrategy s = a.supervisorStrategy();
        if (s != null) s.handleChildTerminated(this, child, getChildren());
      } catch (Throwable e) {
        handleInvokeFailure(null, e);
      }
    }
  }

  // ------------------------------------------------------------------ death watch

  private void addWatcher(ActorRef watchee, ActorRef watcher) {
    boolean watcheeSelf = watchee.equals(self);
    boolean watcherSelf = watcher.equals(self);
    if (watcheeSelf && !watcherSelf) {
      if (childrenState == TERMINATED) {
        ((InternalActorRef) watcher).sendSystemMessage(new DeathWatchNotification(self, false, false));
        return;
      }
      if (watchedBy == null) watchedBy = new LinkedHashSet<>(4);
      watchedBy.add(watcher);
    } else if (!watcheeSelf && watcherSelf) {
      watch(watchee);
    } else {
      LOG.error("[{}] illegal Watch({}, {})", self.path(), watchee, watcher);
    }
  }

  private void remWatcher(ActorRef watchee, ActorRef watcher) {
    boolean watcheeSelf = watchee.equals(self);
    boolean watcherSelf = watcher.equals(self);
    if (watcheeSelf && !watcherSelf) {
      if (watchedBy != null) watchedBy.remove(watcher);
    } else if (!watcheeSelf && watcherSelf) {
      unwatch(watchee);
    }
  }

  private void tellWatchersWeDied() {
    if (watchedBy == null) return;
    try {
      for (ActorRef w : watchedBy) {
        if (!w.equals(parent)) ((InternalActorRef) w).sendSystemMessage(new DeathWatchNotification(self, true, false));
      }
    } finally {
      watchedBy = null;
    }
  }

  private void unwatchWatchedActors() {
    if (watching == null) return;
    try {
      for (ActorRef w : watching.keySet()) ((InternalActorRef) w).sendSystemMessage(new Unwatch(w, self));
    } finally {
      watching = null;
      terminatedQueued = null;
    }
  }

  private void watchedActorTerminated(ActorRef actorRef, boolean existenceConfirmed, boolean addressTerminated) {
    ActorRef key = watchingKey(actorRef);
    if (key != null) {
      Object custom = watching.remove(key);
      if (childrenState < TERMINATION) {
        self.tell(new Terminated(key, existenceConfirmed, addressTerminated), key);
        if (terminatedQueued == null) terminatedQueued = new HashMap<>(4);
        terminatedQueued.put(key, custom);
      }
    }
    if (isChild(actorRef)) handleChildTerminated(actorRef);
  }

  /**
   * The ref under which {@code actorRef} is watched: itself, or, when the notification names an incarnation (a uid)
   * and the watch was made with a ref without one (resolved from a path without {@code #uid}), that ref.
   */
  private ActorRef watchingKey(ActorRef actorRef) {
    if (watching == null) return null;
    if (watching.containsKey(actorRef)) return actorRef;
    if (actorRef.path().uid() == ActorPath.UNDEFINED_UID) return null;
    ActorPath undefined = actorRef.path().withUid(ActorPath.UNDEFINED_UID);
    for (ActorRef k : watching.keySet()) {
      if (k.path().uid() == ActorPath.UNDEFINED_UID && k.path().equals(undefined)) return k;
    }
    return null;
  }

  private void receivedTerminated(Terminated t) throws Exception {
    if (terminatedQueued == null || !terminatedQueued.containsKey(t.getActor())) return;
    Object custom = terminatedQueued.remove(t.getActor());
    receiveMessage(custom == NO_CUSTOM_MESSAGE ? t : custom);
  }

  /** Called by the watcher side when a watchee vanished with its whole address (remote failure detection). */
  public void addressTerminated(ActorRef actorRef) {
    watchedActorTerminated(actorRef, true, true);
  }

  // ------------------------------------------------------------------ receive timeout

  private void checkReceiveTimeout() {
    Duration d = receiveTimeout;
    if (d.isZero() || d.isNegative()) {
      cancelReceiveTimeoutTask();
      return;
    }
    if (actor == null || childrenState >= TERMINATION) return;
    cancelReceiveTimeoutTask();
    receiveTimeoutTask = system.scheduler().scheduleOnce(d, self, ReceiveTimeout.getInstance(), dispatcher, system.deadLetters());
  }

  private void cancelReceiveTimeoutTask() {
    Cancellable t = receiveTimeoutTask;
    if (t != null) {
      t.cancel();
      receiveTimeoutTask = null;
    }
  }

  // ------------------------------------------------------------------ timers and stash support

  public TimerSchedulerImpl timers() {
    if (timers == null) timers = new TimerSchedulerImpl(this);
    return timers;
  }

  /** Puts envelopes at the head of the mailbox, in order; actor's thread only. */
  public void prependToMailbox(List<Envelope> envelopes) {
    mailbox.prepend(envelopes);
  }

  // ------------------------------------------------------------------ ActorContext

  @Override public ActorRef self() { return self; }
  @Override public ActorRef getSelf() { return self; }

  @Override
  public ActorRef sender() {
    Envelope e = currentMessage;
    ActorRef s = e == null ? null : e.sender;
    return s == null ? system.deadLetters() : s;
  }

  @Override public ActorRef getSender() { return sender(); }
  @Override public ActorRef parent() { return parent; }
  @Override public ActorRef getParent() { return parent; }
  @Override public Props props() { return props; }
  @Override public Props getProps() { return props; }
  @Override public ActorSystem system() { return system; }
  @Override public ActorSystem getSystem() { return system; }
  @Override public Executor dispatcher() { return dispatcher; }
  @Override public Executor getDispatcher() { return dispatcher; }

  @Override
  public List<ActorRef> getChildren() {
    ConcurrentHashMap<String, Object> m = children;
    if (m == null || m.isEmpty()) return Collections.emptyList();
    List<ActorRef> out = new ArrayList<>(m.size());
    for (Object o : m.values()) if (o instanceof ChildRestartStats) out.add(((ChildRestartStats) o).child());
    return out;
  }

  @Override public Iterable<ActorRef> children() { return getChildren(); }
  @Override public Optional<ActorRef> child(String name) { return Optional.ofNullable(getChildByName(name)); }
  @Override public Optional<ActorRef> findChild(String name) { return child(name); }
  @Override public ActorRef getChild(String name) { return getChildByName(name); }

  @Override public ActorRef actorOf(Props p) { return attachChild(p, false); }
  @Override public ActorRef actorOf(Props p, String name) { return attachChild(p, name, false); }

  @Override public ActorSelection actorSelection(String path) { return ActorSelection.create(system, self, path); }
  @Override public ActorSelection actorSelection(ActorPath path) { return ActorSelection.create(system, self, path); }

  @Override
  public void stop(ActorRef actorRef) {
    if (actorRef == null) return;
    if (isChild(actorRef)) shallDie(actorRef);
    ((InternalActorRef) actorRef).stop();
  }

  @Override
  public ActorRef watch(ActorRef subject) {
    return watchInternal(subject, NO_CUSTOM_MESSAGE);
  }

  @Override
  public ActorRef watchWith(ActorRef subject, Object msg) {
    return watchInternal(subject, Objects.requireNonNull(msg, "watchWith message"));
  }

  private ActorRef watchInternal(ActorRef subject, Object custom) {
    if (subject == null || subject.equals(self)) return subject;
    if (watching == null) watching = new HashMap<>(4);
    if (watching.containsKey(subject)) {
      Object previous = watching.get(subject);
      if (!Objects.equals(previous, custom)) {
        throw new IllegalStateException("Watch(" + self + ", " + subject + ") termination message was not overwritten: "
            + "it was [" + describe(previous) + "] and now is [" + describe(custom) + "]; unwatch before watching "
            + "with another message");
      }
      return subject;
    }
    watching.put(subject, custom);
    ((InternalActorRef) subject).sendSystemMessage(new Watch(subject, self));
    return subject;
  }

  private static String describe(Object custom) {
    return custom == NO_CUSTOM_MESSAGE ? "Terminated" : String.valueOf(custom);
  }

  @Override
  public ActorRef unwatch(ActorRef subject) {
    if (subject == null) return null;
    if (watching != null && watching.containsKey(subject)) {
      watching.remove(subject);
      if (!subject.equals(self)) ((InternalActorRef) subject).sendSystemMessage(new Unwatch(subject, self));
    }
    if (terminatedQueued != null) terminatedQueued.remove(subject);
    return subject;
  }

  @Override
  public void setReceiveTimeout(Duration timeout) {
    receiveTimeout = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
    receiveTimeoutChanged = true;
  }

  @Override public Duration receiveTimeout() { return receiveTimeout; }
  @Override public Duration getReceiveTimeout() { return receiveTimeout; }

  @Override
  public void cancelReceiveTimeout() {
    receiveTimeout = Duration.ZERO;
    cancelReceiveTimeoutTask();
  }

  @Override
  public void become(AbstractActor.Receive behavior) {
    become(behavior, true);
  }

  @Override
  public void become(AbstractActor.Receive behavior, boolean discardOld) {
    Objects.requireNonNull(behavior, "behavior");
    if (discardOld && !behaviorStack.isEmpty()) behaviorStack.remove(behaviorStack.size() - 1);
    behaviorStack.add(behavior);
  }

  @Override
  public void unbecome() {
    if (behaviorStack.size() > 1) {
      behaviorStack.remove(behaviorStack.size() - 1);
    } else {
      // popping the last behaviour goes back to the initial one (Pekko: actor.receive); while the constructor runs
      // there is no instance yet, and newActor() pushes createReceive() onto the empty stack
      behaviorStack.clear();
      if (actor != null) behaviorStack.add(initialBehavior(actor));
    }
  }

  @Override
  public String toString() {
    return "ActorCell(" + self.path() + ")";
  }

  /** The guardian's message asking it to stop one of its children (from {@code system.stop}). */
  public record StopChild(ActorRef child) implements AutoReceivedMessage {}

  /** Used by iterators over a path for {@link LocalActorRef#getChild}. */
  static String stripUid(String name) {
    int i = name.indexOf('#');
    return i < 0 ? name : name.substring(0, i);
  }

  static int uidOf(String name) {
    int i = name.indexOf('#');
    if (i < 0) return ActorPath.UNDEFINED_UID;
    try {
      return Integer.parseInt(name.substring(i + 1));
    } catch (NumberFormatException e) {
      return ActorPath.UNDEFINED_UID;
    }
  }

  InternalActorRef getSingleChild(String name) {
    InternalActorRef c = getChildByName(stripUid(name));
    if (c == null) return null;
    int uid = uidOf(name);
    return uid == ActorPath.UNDEFINED_UID || uid == c.path().uid() ? c : null;
  }

  static Iterator<String> iter(List<String> names) { return names.iterator(); }
}

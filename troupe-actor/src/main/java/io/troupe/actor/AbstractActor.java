package io.troupe.actor;

import io.troupe.actor.internal.ActorCell;
import io.troupe.japi.pf.FI;
import io.troupe.japi.pf.ReceiveBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The base class of actors written in Java: define {@link #createReceive()} with {@link #receiveBuilder()}.
 * An instance is created by the system from {@link Props}, never with {@code new} directly.
 */
public abstract class AbstractActor implements Actor {

  /** The context of an {@link AbstractActor}, with Java-style getters. */
  public interface ActorContext extends io.troupe.actor.ActorContext {
    ActorRef getSelf();
    ActorRef getSender();
    ActorRef getParent();
    Props getProps();
    ActorSystem getSystem();
    Executor getDispatcher();
    /** A snapshot of the current children. */
    java.util.List<ActorRef> getChildren();
    Optional<ActorRef> findChild(String name);
    /** The child with that name, or null. */
    ActorRef getChild(String name);
    Duration getReceiveTimeout();
    void cancelReceiveTimeout();
    /** Replaces the current behaviour. */
    void become(Receive behavior);
    /** Replaces the current behaviour, or pushes on top of it when {@code discardOld} is false. */
    void become(Receive behavior, boolean discardOld);
    /** Reverts to the behaviour below the current one. */
    void unbecome();
  }

  /** One case of a {@link Receive}: a type, an optional predicate and what to do. Built by {@link ReceiveBuilder}. */
  public static final class ReceiveCase {
    final Class<?> type;
    final FI.TypedPredicate<Object> predicate;
    final FI.UnitApply<Object> apply;

    public ReceiveCase(Class<?> type, FI.TypedPredicate<Object> predicate, FI.UnitApply<Object> apply) {
      this.type = type;
      this.predicate = predicate;
      this.apply = apply;
    }
  }

  /** An actor's behaviour: an ordered list of cases. */
  public static final class Receive {
    private final ReceiveCase[] cases;

    public Receive(ReceiveCase[] cases) { this.cases = cases; }

    /** Runs the first matching case; returns false when none matches. */
    public boolean onMessage(Object msg) throws Exception {
      for (ReceiveCase c : cases) {
        if ((c.type == null || c.type.isInstance(msg)) && (c.predicate == null || c.predicate.defined(msg))) {
          c.apply.apply(msg);
          return true;
        }
      }
      return false;
    }

    /** True when a case matches {@code msg}. */
    public boolean isDefinedAt(Object msg) {
      for (ReceiveCase c : cases) {
        if ((c.type == null || c.type.isInstance(msg)) && (c.predicate == null || c.predicate.defined(msg))) return true;
      }
      return false;
    }

    /** This behaviour, falling back to {@code other} for messages it does not match. */
    public Receive orElse(Receive other) {
      ReceiveCase[] all = java.util.Arrays.copyOf(cases, cases.length + other.cases.length);
      System.arraycopy(other.cases, 0, all, cases.length, other.cases.length);
      return new Receive(all);
    }
  }

  private static final Receive EMPTY = new Receive(new ReceiveCase[0]);

  private final ActorCell cell;

  protected AbstractActor() {
    this.cell = ActorCell.takeConstructingCell(getClass());
  }

  /** The initial behaviour, asked once per instance when it starts. */
  public abstract Receive createReceive();

  public final ReceiveBuilder receiveBuilder() { return ReceiveBuilder.create(); }

  /** A behaviour that handles nothing. */
  public static Receive emptyBehavior() { return EMPTY; }

  public ActorContext getContext() { return cell; }

  public ActorContext context() { return cell; }

  public final ActorRef getSelf() { return cell.self(); }

  public final ActorRef self() { return cell.self(); }

  /** The sender of the message being processed; dead letters when there is none. */
  public final ActorRef getSender() { return cell.sender(); }

  public final ActorRef sender() { return cell.sender(); }

  /** The strategy this actor applies to its failing children; override to change it. */
  public SupervisorStrategy supervisorStrategy() { return SupervisorStrategy.defaultStrategy; }

  /** Runs before the first message, on the actor's thread. */
  public void preStart() throws Exception {}

  /** Runs once after the actor stopped, on its thread; children have stopped already. */
  public void postStop() throws Exception {}

  /** Runs on the failed instance before a restart; by default stops all children and calls {@link #postStop()}. */
  public void preRestart(Throwable reason, Optional<Object> message) throws Exception {
    for (ActorRef child : getContext().getChildren()) {
      getContext().unwatch(child);
      getContext().stop(child);
    }
    postStop();
  }

  /** Runs on the fresh instance after a restart; by default calls {@link #preStart()}. */
  public void postRestart(Throwable reason) throws Exception {
    preStart();
  }

  /**
   * Called for messages the behaviour does not handle: publishes {@link UnhandledMessage} on the event stream, or throws
   * {@link DeathPactException} for an unhandled {@link Terminated}.
   */
  public void unhandled(Object message) {
    cell.unhandled(message);
  }

  /** Internal hook: runs the behaviour on a message; stash and timers extend it. */
  public void aroundReceive(Receive receive, Object msg) throws Exception {
    if (!receive.onMessage(msg)) unhandled(msg);
  }

  /** Internal hook around {@link #preStart()}. */
  public void aroundPreStart() throws Exception { preStart(); }

  /** Internal hook around {@link #postStop()}. */
  public void aroundPostStop() throws Exception { postStop(); }

  /** Internal hook around {@link #preRestart}. */
  public void aroundPreRestart(Throwable reason, Optional<Object> message) throws Exception { preRestart(reason, message); }

  /** Internal hook around {@link #postRestart}. */
  public void aroundPostRestart(Throwable reason) throws Exception { postRestart(reason); }

  /** Internal: the cell that runs this actor. */
  public final ActorCell actorCell() { return cell; }
}

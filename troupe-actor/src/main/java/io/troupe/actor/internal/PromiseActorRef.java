package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.Cancellable;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.Status;
import io.troupe.actor.Terminated;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.pattern.AskTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A short-lived ref under {@code /temp} that completes a future with the first message it receives ({@link Status.Failure}
 * fails it; {@link Status.Success} unwraps). It can be watched and can watch, so {@code gracefulStop} uses it too.
 * After completion it deregisters and further messages become dead letters.
 */
public final class PromiseActorRef extends MinimalActorRef {
  private static final long serialVersionUID = 1L;
  private final transient LocalActorRefProvider provider;
  private volatile ActorPath path; // created and registered under /temp on first use only
  private final transient CompletableFuture<Object> result = new CompletableFuture<>();
  private transient volatile Cancellable timeoutTask;
  private transient List<ActorRef> watchers; // guarded by this
  private transient boolean cleanedUp; // guarded by this

  private PromiseActorRef(LocalActorRefProvider provider) {
    this.provider = provider;
  }

  /**
   * Registers a new temp ref whose future fails with {@link AskTimeoutException} after {@code timeout}.
   *
   * @param describeTarget what the ask was sent to, for the timeout message
   */
  public static PromiseActorRef create(LocalActorRefProvider provider, Duration timeout, Object describeTarget, String messageClassName) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Timeout length must be positive, question not sent to [" + describeTarget + "]. "
          + "Message of type [" + messageClassName + "].");
    }
    PromiseActorRef ref = new PromiseActorRef(provider);
    ref.timeoutTask = provider.scheduler().scheduleOnce(timeout, () -> {
      ref.result.completeExceptionally(new AskTimeoutException("Ask timed out on [" + describeTarget + "] after ["
          + timeout.toMillis() + " ms]. Message of type [" + messageClassName + "]. A typical reason for "
          + "`AskTimeoutException` is that the recipient actor didn't send a reply."));
      ref.onComplete();
    }, null);
    return ref;
  }

  public CompletableFuture<Object> result() { return result; }

  /**
   * The path under {@code /temp}; the ref registers there only when its path is first needed (for example when it is
   * sent to another node), so a purely local ask costs no registration.
   */
  @Override
  public ActorPath path() {
    ActorPath p = path;
    if (p != null) return p;
    synchronized (this) {
      if (path == null) {
        p = provider.tempPath();
        path = p;
        if (!cleanedUp) provider.registerTempActor(this, p);
      }
      return path;
    }
  }
  @Override public ActorRefProvider provider() { return provider; }
  @Override public boolean isTerminated() { return result.isDone(); }

  @Override
  public void tell(Object message, ActorRef sender) {
    if (message == null) throw new io.troupe.actor.InvalidMessageException("Message is null");
    boolean completed;
    if (message instanceof Status.Success) completed = result.complete(((Status.Success) message).status());
    else if (message instanceof Status.Failure) completed = result.completeExceptionally(((Status.Failure) message).cause());
    else completed = result.complete(message);
    if (completed) {
      onComplete();
    } else {
      provider.deadLetters().tell(new DeadLetter(message, sender == null ? provider.deadLetters() : sender, this), sender);
    }
  }

  @Override
  public void sendSystemMessage(SystemMessage message) {
    if (message instanceof SystemMessage.DeathWatchNotification) {
      SystemMessage.DeathWatchNotification d = (SystemMessage.DeathWatchNotification) message;
      tell(new Terminated(d.actor(), d.existenceConfirmed(), d.addressTerminated()), d.actor());
    } else if (message instanceof SystemMessage.Watch) {
      SystemMessage.Watch w = (SystemMessage.Watch) message;
      if (!w.watchee().equals(this)) return;
      boolean notifyNow;
      synchronized (this) {
        notifyNow = result.isDone();
        if (!notifyNow) {
          if (watchers == null) watchers = new ArrayList<>(2);
          watchers.add(w.watcher());
        }
      }
      if (notifyNow) ((InternalActorRef) w.watcher()).sendSystemMessage(new SystemMessage.DeathWatchNotification(this, false, false));
    } else if (message instanceof SystemMessage.Unwatch) {
      SystemMessage.Unwatch u = (SystemMessage.Unwatch) message;
      synchronized (this) {
        if (watchers != null) watchers.remove(u.watcher());
      }
    }
  }

  @Override
  public void stop() {
    if (result.completeExceptionally(new io.troupe.actor.ActorKilledException("Stopped"))) onComplete();
  }

  private void onComplete() {
    Cancellable t = timeoutTask;
    if (t != null) t.cancel();
    List<ActorRef> ws;
    ActorPath registered;
    synchronized (this) {
      if (cleanedUp) return;
      cleanedUp = true;
      registered = path;
      ws = watchers;
      watchers = null;
    }
    if (registered != null) provider.unregisterTempActor(registered);
    if (ws != null) {
      for (ActorRef w : ws) ((InternalActorRef) w).sendSystemMessage(new SystemMessage.DeathWatchNotification(this, true, false));
    }
  }
}

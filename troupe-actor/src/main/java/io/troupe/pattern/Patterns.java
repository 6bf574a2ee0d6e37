package io.troupe.pattern;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSelection;
import io.troupe.actor.PoisonPill;
import io.troupe.actor.Terminated;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.LocalActorRefProvider;
import io.troupe.actor.internal.PromiseActorRef;
import io.troupe.dispatch.sysmsg.SystemMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** Ask, pipe and graceful stop. */
public final class Patterns {
  private Patterns() {}

  /**
   * Sends {@code message} with a temporary ref as sender and completes with the first reply. A {@code Status.Failure}
   * reply fails the stage with its cause; no reply within {@code timeout} fails it with {@link AskTimeoutException}.
   */
  public static CompletionStage<Object> ask(ActorRef actor, Object message, Duration timeout) {
    InternalActorRef target = (InternalActorRef) actor;
    if (!isPositive(timeout)) return failedNotSent(actor, message);
    if (target.isTerminated()) {
      CompletableFuture<Object> f = new CompletableFuture<>();
      target.tell(message, ActorRef.noSender());
      f.completeExceptionally(new AskTimeoutException("Recipient [" + actor + "] had already been terminated. "
          + "Sender[null] sent the message of type \"" + className(message) + "\"."));
      return f;
    }
    LocalActorRefProvider provider = provider(target);
    PromiseActorRef ref = PromiseActorRef.create(provider, timeout, actor, className(message));
    actor.tell(message, ref);
    return ref.result();
  }

  /** As {@link #ask(ActorRef, Object, Duration)}, with a timeout in milliseconds. */
  public static CompletionStage<Object> ask(ActorRef actor, Object message, long timeoutMillis) {
    return ask(actor, message, Duration.ofMillis(timeoutMillis));
  }

  /** Asks every actor the selection matches and completes with the first reply. */
  public static CompletionStage<Object> ask(ActorSelection selection, Object message, Duration timeout) {
    if (!isPositive(timeout)) return failedNotSent(selection, message);
    LocalActorRefProvider provider = provider((InternalActorRef) selection.anchor());
    PromiseActorRef ref = PromiseActorRef.create(provider, timeout, selection, className(message));
    selection.tell(message, ref);
    return ref.result();
  }

  /**
   * Builds the message with the temporary ref that replies must go to, for protocols that carry the reply-to in the
   * message: {@code askWithReplyTo(actor, replyTo -> new Request(replyTo), timeout)}.
   */
  public static CompletionStage<Object> askWithReplyTo(ActorRef actor, Function<ActorRef, Object> messageFactory, Duration timeout) {
    if (!isPositive(timeout)) return failedNotSent(actor, null);
    LocalActorRefProvider provider = provider((InternalActorRef) actor);
    PromiseActorRef ref = PromiseActorRef.create(provider, timeout, actor, "unknown");
    actor.tell(messageFactory.apply(ref), ref);
    return ref.result();
  }

  /** {@code pipe(future, executor).to(actor)} sends the future's value, or {@code Status.Failure}, to the actor. */
  public static <T> PipeToSupport.PipeableCompletionStage<T> pipe(CompletionStage<T> future, Executor executor) {
    return new PipeToSupport.PipeableCompletionStage<>(future, executor);
  }

  /**
   * Sends {@link PoisonPill} and completes with true once the actor has stopped; fails with {@link AskTimeoutException}
   * when it has not stopped within {@code timeout}.
   */
  public static CompletionStage<Boolean> gracefulStop(ActorRef target, Duration timeout) {
    return gracefulStop(target, timeout, PoisonPill.getInstance());
  }

  /** As {@link #gracefulStop(ActorRef, Duration)} with the given stop message. */
  public static CompletionStage<Boolean> gracefulStop(ActorRef target, Duration timeout, Object stopMessage) {
    InternalActorRef t = (InternalActorRef) target;
    LocalActorRefProvider provider = provider(t);
    PromiseActorRef ref = PromiseActorRef.create(provider, timeout, target, className(stopMessage));
    t.sendSystemMessage(new SystemMessage.Watch(t, ref));
    target.tell(stopMessage, ActorRef.noSender());
    return ref.result().handle((v, e) -> {
      if (e == null && v instanceof Terminated && ((Terminated) v).getActor().equals(target)) return true;
      t.sendSystemMessage(new SystemMessage.Unwatch(t, ref));
      if (e != null) throw e instanceof java.util.concurrent.CompletionException ? (java.util.concurrent.CompletionException) e
          : new java.util.concurrent.CompletionException(e);
      throw new java.util.concurrent.CompletionException(new IllegalStateException("gracefulStop: unexpected reply " + v));
    });
  }

  private static boolean isPositive(Duration timeout) {
    return timeout != null && !timeout.isNegative() && !timeout.isZero();
  }

  /** As Pekko: a non-positive timeout fails the returned stage (it does not throw) and the message is not sent. */
  private static CompletionStage<Object> failedNotSent(Object target, Object message) {
    return CompletableFuture.failedFuture(new IllegalArgumentException("Timeout length must be positive, question not "
        + "sent to [" + target + "]. Message of type [" + (message == null ? "unknown" : className(message)) + "]."));
  }

  private static LocalActorRefProvider provider(InternalActorRef ref) {
    return (LocalActorRefProvider) ref.provider();
  }

  private static String className(Object m) {
    return m == null ? "null" : m.getClass().getName();
  }
}

package io.troupe.pattern;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSelection;
import io.troupe.actor.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** What {@link Patterns#pipe} returns: {@code pipe(future, executor).to(actor)}. */
public final class PipeToSupport {
  private PipeToSupport() {}

  /** A future that can send its outcome to an actor: the value, or {@link Status.Failure} with the cause. */
  public static final class PipeableCompletionStage<T> {
    private final CompletionStage<T> future;
    private final Executor executor;

    PipeableCompletionStage(CompletionStage<T> future, Executor executor) {
      this.future = future;
      this.executor = executor;
    }

    public CompletionStage<T> to(ActorRef recipient) { return to(recipient, ActorRef.noSender()); }

    public CompletionStage<T> to(ActorRef recipient, ActorRef sender) {
      future.whenCompleteAsync((v, e) -> {
        if (e != null) recipient.tell(new Status.Failure(unwrap(e)), sender);
        else recipient.tell(v, sender);
      }, executor);
      return future;
    }

    public CompletionStage<T> to(ActorSelection recipient) { return to(recipient, ActorRef.noSender()); }

    public CompletionStage<T> to(ActorSelection recipient, ActorRef sender) {
      future.whenCompleteAsync((v, e) -> {
        if (e != null) recipient.tell(new Status.Failure(unwrap(e)), sender);
        else recipient.tell(v, sender);
      }, executor);
      return future;
    }

    /** The future being piped. */
    public CompletionStage<T> future() { return future; }
  }

  static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}

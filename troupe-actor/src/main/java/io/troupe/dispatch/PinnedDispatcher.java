package io.troupe.dispatch;

import java.util.concurrent.ExecutorService;

/** A dispatcher with one thread for one actor; the thread ends when the actor stops. */
final class PinnedDispatcher extends MessageDispatcher {
  PinnedDispatcher(Dispatchers registry, String id, ExecutorService singleThread) {
    super(registry, id, Integer.MAX_VALUE, 0L, singleThread);
  }

  @Override
  protected void onLastActorDetached() {
    shutdown();
  }
}

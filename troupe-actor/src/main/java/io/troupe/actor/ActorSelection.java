package io.troupe.actor;

import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.EmptyLocalActorRef;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.LocalActorRef;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.actor.internal.SelectionPathElement.SelectChildName;
import io.troupe.actor.internal.SelectionPathElement.SelectChildPattern;
import io.troupe.actor.internal.SelectionPathElement.SelectParent;
import io.troupe.pattern.Patterns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A path, possibly with wildcards ({@code *}, {@code ?}) and {@code ..}, resolved each time a message is sent: messages
 * reach every actor that matches at that moment. {@link #resolveOne} turns a selection into a ref by asking with
 * {@link Identify}.
 */
public final class ActorSelection {
  private final InternalActorRef anchor;
  private final List<SelectionPathElement> path;

  private ActorSelection(InternalActorRef anchor, List<SelectionPathElement> path) {
    this.anchor = anchor;
    this.path = List.copyOf(path);
  }

  /** Internal: builds a selection relative to {@code lookupRoot} (the root guardian for a system, self for a context). */
  public static ActorSelection create(ExtendedActorSystem system, ActorRef lookupRoot, String pathStr) {
    if (pathStr == null) throw new IllegalArgumentException("selection path is null");
    ActorRefProvider provider = system.provider();
    if (pathStr.contains("://")) {
      ActorPath p = ActorPaths.parse(pathStr.endsWith("/") || hasPathAfterAddress(pathStr) ? pathStr : pathStr + "/");
      if (p == null) {
        throw new IllegalArgumentException("Malformed actor selection path [" + pathStr
            + "]: expected protocol://system[@host:port]/path, e.g. troupe://sys@127.0.0.1:25520/user/a");
      }
      return new ActorSelection(provider.rootGuardianAt(p.address()), elements(stripUid(p.elements())));
    }
    if (pathStr.isEmpty()) return new ActorSelection(provider.deadLetters(), List.of());
    if (pathStr.startsWith("/")) return new ActorSelection(provider.rootGuardian(), elements(split(pathStr)));
    return new ActorSelection((InternalActorRef) lookupRoot, elements(split(pathStr)));
  }

  public static ActorSelection create(ExtendedActorSystem system, ActorRef lookupRoot, ActorPath path) {
    ActorRefProvider provider = system.provider();
    return new ActorSelection(provider.rootGuardianAt(path.address()), elements(path.elements()));
  }

  /** Pekko's {@code ActorSelection(anchor, path)}. */
  public static ActorSelection apply(ActorRef anchor, String path) {
    return new ActorSelection((InternalActorRef) anchor, elements(split(path)));
  }

  private static boolean hasPathAfterAddress(String s) {
    int i = s.indexOf("://");
    return s.indexOf('/', i + 3) >= 0;
  }

  private static List<String> stripUid(List<String> names) {
    return names;
  }

  private static List<String> split(String p) {
    List<String> out = new ArrayList<>();
    for (String s : p.split("/")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  private static List<SelectionPathElement> elements(Iterable<String> names) {
    List<SelectionPathElement> out = new ArrayList<>();
    for (String n : names) {
      if (n.isEmpty() || ".".equals(n)) continue;
      out.add(SelectionPathElement.of(n));
    }
    return out;
  }

  public ActorRef anchor() { return anchor; }

  public ActorPath anchorPath() { return anchor.path(); }

  /** The selection path below the anchor, {@code /}-separated with a leading {@code /}. */
  public String pathString() {
    StringBuilder sb = new StringBuilder();
    for (SelectionPathElement e : path) sb.append('/').append(e);
    return sb.toString();
  }

  /** Internal: the elements below the anchor. */
  public List<SelectionPathElement> path() { return path; }

  /** Sends to every actor the selection matches now. */
  public void tell(Object msg, ActorRef sender) {
    if (msg == null) throw new InvalidMessageException("Message is null");
    deliverSelection(anchor, sender, new ActorSelectionMessage(msg, path, false));
  }

  public void forward(Object msg, ActorContext context) {
    tell(msg, context.sender());
  }

  /**
   * The ref of the one actor this selection matches. Fails with {@link ActorNotFound} when none matches, and with
   * {@link io.troupe.pattern.AskTimeoutException} when no answer arrives within {@code timeout}.
   */
  public CompletionStage<ActorRef> resolveOne(Duration timeout) {
    CompletableFuture<ActorRef> out = new CompletableFuture<>();
    Patterns.ask(this, new Identify(null), timeout).whenComplete((reply, err) -> {
      if (err != null) {
        out.completeExceptionally(err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
      } else if (reply instanceof ActorIdentity && ((ActorIdentity) reply).getActorRef().isPresent()) {
        out.complete(((ActorIdentity) reply).getActorRef().get());
      } else {
        out.completeExceptionally(new ActorNotFound(this));
      }
    });
    return out;
  }

  /**
   * Internal: walks {@code sel} from {@code anchor}. Local steps are taken on the caller's thread against the live
   * children; when the walk reaches a non-local ref, the rest of the selection is sent to it.
   */
  public static void deliverSelection(InternalActorRef anchor, ActorRef sender, ActorSelectionMessage sel) {
    List<SelectionPathElement> el = sel.elements();
    if (el.isEmpty()) {
      anchor.tell(sel.message(), sender);
      return;
    }
    walk(anchor, sender, sel, 0);
  }

  private static void walk(InternalActorRef ref, ActorRef sender, ActorSelectionMessage sel, int idx) {
    List<SelectionPathElement> el = sel.elements();
    if (!(ref instanceof LocalActorRef) && !ref.isLocal()) {
      // a remote ref: it walks the rest on its own system
      ref.tell(sel.withRemaining(el.subList(idx, el.size()), sel.wildcardFanOut()), sender);
      return;
    }
    SelectionPathElement e = el.get(idx);
    boolean last = idx == el.size() - 1;
    if (e instanceof SelectParent) {
      InternalActorRef parent = ref.getParent();
      if (last) parent.tell(sel.message(), sender);
      else walk(parent, sender, sel, idx + 1);
    } else if (e instanceof SelectChildName) {
      InternalActorRef child = ref.getChild(java.util.List.of(((SelectChildName) e).name()).iterator());
      if (child == null) {
        if (!sel.wildcardFanOut()) emptyRef(ref, el, idx).tell(sel.message(), sender);
      } else if (last) {
        child.tell(sel.message(), sender);
      } else {
        walk(child, sender, sel, idx + 1);
      }
    } else {
      SelectChildPattern p = (SelectChildPattern) e;
      List<ActorRef> matching = new ArrayList<>();
      if (ref instanceof LocalActorRef) {
        for (ActorRef c : ((LocalActorRef) ref).underlying().getChildren()) {
          if (p.matches(c.path().name())) matching.add(c);
        }
      }
      if (matching.isEmpty()) {
        if (!sel.wildcardFanOut()) emptyRef(ref, el, idx).tell(sel.message(), sender);
        return;
      }
      // as in Pekko, misses below a pattern are silent only once it fanned out to more than one actor; below a
      // single match a miss is reported like any other (empty ActorIdentity, dead letter)
      ActorSelectionMessage fan = sel.wildcardFanOut() || matching.size() == 1 ? sel : sel.withRemaining(el, true);
      for (ActorRef c : matching) {
        if (last) c.tell(sel.message(), sender);
        else walk((InternalActorRef) c, sender, fan, idx + 1);
      }
    }
  }

  private static InternalActorRef emptyRef(InternalActorRef from, List<SelectionPathElement> el, int idx) {
    ActorPath p = from.path();
    for (int i = idx; i < el.size(); i++) p = p.child(el.get(i).toString().replace('*', '_').replace('?', '_'));
    return new EmptyLocalActorRef(from.provider(), p, from.provider() instanceof io.troupe.actor.internal.LocalActorRefProvider
        ? ((ExtendedActorSystem) ((io.troupe.actor.internal.LocalActorRefProvider) from.provider()).system()).eventStream()
        : null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActorSelection && ((ActorSelection) o).anchor.equals(anchor) && ((ActorSelection) o).path.equals(path);
  }

  @Override public int hashCode() { return 31 * anchor.hashCode() + path.hashCode(); }

  @Override
  public String toString() {
    return "ActorSelection[Anchor(" + anchor.path() + "), Path(" + pathString() + ")]";
  }
}

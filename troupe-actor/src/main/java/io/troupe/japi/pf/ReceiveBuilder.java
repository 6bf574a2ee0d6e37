package io.troupe.japi.pf;

import io.troupe.actor.AbstractActor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds an actor's {@link AbstractActor.Receive}: cases are tried in the order they were added; the first that
 * matches handles the message; a message no case matches is unhandled.
 */
public class ReceiveBuilder {
  private final List<AbstractActor.ReceiveCase> cases = new ArrayList<>();

  public ReceiveBuilder() {}

  public static ReceiveBuilder create() { return new ReceiveBuilder(); }

  @SuppressWarnings("unchecked")
  private ReceiveBuilder add(Class<?> type, FI.TypedPredicate<?> predicate, FI.UnitApply<?> apply) {
    cases.add(new AbstractActor.ReceiveCase(type, (FI.TypedPredicate<Object>) predicate, (FI.UnitApply<Object>) apply));
    return this;
  }

  public <P> ReceiveBuilder match(Class<P> type, FI.UnitApply<P> apply) {
    return add(Objects.requireNonNull(type, "type"), null, apply);
  }

  public <P> ReceiveBuilder match(Class<P> type, FI.TypedPredicate<P> predicate, FI.UnitApply<P> apply) {
    return add(Objects.requireNonNull(type, "type"), predicate, apply);
  }

  public <P> ReceiveBuilder matchUnchecked(Class<?> type, FI.UnitApply<P> apply) {
    return add(Objects.requireNonNull(type, "type"), null, apply);
  }

  public <P> ReceiveBuilder matchUnchecked(Class<?> type, FI.TypedPredicate<?> predicate, FI.UnitApply<P> apply) {
    return add(Objects.requireNonNull(type, "type"), predicate, apply);
  }

  public <P> ReceiveBuilder matchEquals(P object, FI.UnitApply<P> apply) {
    return add(null, (Object o) -> Objects.equals(object, o), apply);
  }

  public <P> ReceiveBuilder matchEquals(P object, FI.TypedPredicate<P> predicate, FI.UnitApply<P> apply) {
    @SuppressWarnings("unchecked")
    FI.TypedPredicate<Object> p = o -> Objects.equals(object, o) && predicate.defined((P) o);
    return add(null, p, apply);
  }

  public ReceiveBuilder matchAny(FI.UnitApply<Object> apply) {
    return add(null, null, apply);
  }

  public AbstractActor.Receive build() {
    return new AbstractActor.Receive(cases.toArray(new AbstractActor.ReceiveCase[0]));
  }
}

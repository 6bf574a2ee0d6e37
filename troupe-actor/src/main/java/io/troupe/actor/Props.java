package io.troupe.actor;

import io.troupe.dispatch.Dispatchers;
import io.troupe.japi.function.Creator;
import io.troupe.routing.NoRouter;
import io.troupe.routing.RouterConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The recipe for an actor: its class and constructor arguments (or a {@link Creator}), and how to deploy it. Immutable;
 * each {@code with...} returns a copy. {@link #create(Class, Object...)} checks the constructor when the Props is made,
 * so a mistake shows where it was written, not when the actor starts.
 */
public final class Props implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Class<?> clazz;
  private final List<Object> args;
  private final transient Constructor<?> constructor;
  private final Creator<?> creator;
  private final Deploy deploy;

  private Props(Class<?> clazz, List<Object> args, Constructor<?> constructor, Creator<?> creator, Deploy deploy) {
    this.clazz = clazz;
    this.args = args;
    this.constructor = constructor;
    this.creator = creator;
    this.deploy = deploy;
  }

  /** The Props of an actor that does nothing; used where a Props is required but never started. */
  public static Props empty() {
    return create(EmptyActor.class);
  }

  /** An actor that ignores everything (the target of {@link #empty()}). */
  public static final class EmptyActor extends AbstractActor {
    @Override public Receive createReceive() { return emptyBehavior(); }
  }

  /**
   * An actor of class {@code clazz} created with the constructor matching {@code args}.
   *
   * @throws IllegalArgumentException when the class is not an actor, is abstract, or no (or more than one) public
   *     constructor matches the arguments
   */
  public static Props create(Class<?> clazz, Object... args) {
    Objects.requireNonNull(clazz, "actor class");
    if (!Actor.class.isAssignableFrom(clazz)) {
      throw new IllegalArgumentException("Actor class [" + clazz.getName() + "] must extend io.troupe.actor.AbstractActor");
    }
    if (Modifier.isAbstract(clazz.getModifiers())) {
      throw new IllegalArgumentException("Actor class [" + clazz.getName() + "] must not be abstract");
    }
    Object[] a = args == null ? new Object[] {null} : args;
    Constructor<?> c = findConstructor(clazz, a);
    return new Props(clazz, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(a))), c, null, Deploy.none());
  }

  /**
   * An actor of class {@code clazz} made by {@code creator}; the creator must return a new instance each time. Make
   * the creator a lambda or a static class: an inner class would capture its enclosing object.
   */
  public static <T extends Actor> Props create(Class<T> clazz, Creator<T> creator) {
    Objects.requireNonNull(clazz, "actor class");
    Objects.requireNonNull(creator, "creator");
    Class<?> cc = creator.getClass();
    if ((cc.isAnonymousClass() || cc.isLocalClass() || cc.isMemberClass()) && !Modifier.isStatic(cc.getModifiers())
        && hasOuterReference(cc)) {
      throw new IllegalArgumentException("cannot use a non-static inner class [" + cc.getName() + "] as Creator: it "
          + "captures its enclosing object; use a lambda or a static class instead");
    }
    return new Props(clazz, Collections.emptyList(), null, creator, Deploy.none());
  }

  private static boolean hasOuterReference(Class<?> c) {
    for (java.lang.reflect.Field f : c.getDeclaredFields()) if (f.isSynthetic() && f.getName().startsWith("this$")) return true;
    return false;
  }

  private static Constructor<?> findConstructor(Class<?> clazz, Object[] args) {
    List<Constructor<?>> matches = new ArrayList<>();
    for (Constructor<?> c : clazz.getDeclaredConstructors()) {
      if (c.isSynthetic()) continue;
      Class<?>[] pt = c.getParameterTypes();
      if (pt.length != args.length) continue;
      boolean ok = true;
      for (int i = 0; i < pt.length && ok; i++) ok = compatible(pt[i], args[i]);
      if (ok) matches.add(c);
    }
    if (matches.isEmpty()) {
      if (clazz.getEnclosingClass() != null && !Modifier.isStatic(clazz.getModifiers())) {
        throw new IllegalArgumentException("cannot create actor of inner class [" + clazz.getName() + "]: make it a "
            + "static nested class or a top-level class");
      }
      throw new IllegalArgumentException("no matching constructor found on " + clazz + " for arguments "
          + describe(args));
    }
    if (matches.size() > 1) {
      // prefer the most specific: exact class matches beat supertype matches
      Constructor<?> best = mostSpecific(matches, args);
      if (best == null) {
        throw new IllegalArgumentException("multiple matching constructors found on " + clazz + " for arguments "
            + describe(args) + ": " + matches);
      }
      matches = List.of(best);
    }
    Constructor<?> c = matches.get(0);
    c.setAccessible(true);
    return c;
  }

  private static Constructor<?> mostSpecific(List<Constructor<?>> cs, Object[] args) {
    Constructor<?> best = null;
    for (Constructor<?> c : cs) {
      boolean beatsAll = true;
      for (Constructor<?> o : cs) {
        if (o == c) continue;
        Class<?>[] a = c.getParameterTypes(), b = o.getParameterTypes();
        for (int i = 0; i < a.length; i++) {
          if (!wrap(b[i]).isAssignableFrom(wrap(a[i]))) {
            beatsAll = false;
            break;
          }
        }
      }
      if (beatsAll) {
        if (best != null) return null;
        best = c;
      }
    }
    return best;
  }

  private static String describe(Object[] args) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < args.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(args[i] == null ? "null" : args[i].getClass().getName());
    }
    return sb.append(']').toString();
  }

  private static boolean compatible(Class<?> param, Object arg) {
    if (arg == null) return !param.isPrimitive();
    return wrap(param).isInstance(arg);
  }

  private static Class<?> wrap(Class<?> c) {
    if (!c.isPrimitive()) return c;
    if (c == int.class) return Integer.class;
    if (c == long.class) return Long.class;
    if (c == boolean.class) return Boolean.class;
    if (c == double.class) return Double.class;
    if (c == float.class) return Float.class;
    if (c == short.class) return Short.class;
    if (c == byte.class) return Byte.class;
    if (c == char.class) return Character.class;
    return Void.class;
  }

  /** Internal: makes a new instance; called by the actor cell with the construction context set. */
  public Actor newActor() throws Exception {
    if (creator != null) {
      Object o = creator.create();
      if (o == null) throw new IllegalStateException("the Creator of [" + clazz.getName() + "] returned null");
      if (!clazz.isInstance(o)) {
        throw new ClassCastException("the Creator of [" + clazz.getName() + "] returned a " + o.getClass().getName());
      }
      return (Actor) o;
    }
    Constructor<?> c = constructor != null ? constructor : findConstructor(clazz, args.toArray());
    try {
      return (Actor) c.newInstance(args.toArray());
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t instanceof Exception) throw (Exception) t;
      if (t instanceof Error) throw (Error) t;
      throw e;
    }
  }

  public Class<?> actorClass() { return clazz; }
  /** The constructor arguments (empty for a creator). */
  public List<Object> args() { return args; }
  public List<Object> getArgs() { return args; }
  /** The creator, or null when the actor is built from its class and arguments. */
  public Creator<?> creator() { return creator; }
  public Deploy deploy() { return deploy; }
  public String dispatcher() { return deploy.dispatcher().isEmpty() ? Dispatchers.DEFAULT_DISPATCHER_ID : deploy.dispatcher(); }
  public String mailbox() { return deploy.mailbox(); }
  public RouterConfig routerConfig() { return deploy.routerConfig(); }

  public Props withDispatcher(String d) { return new Props(clazz, args, constructor, creator, deploy.withDispatcher(d)); }
  public Props withMailbox(String m) { return new Props(clazz, args, constructor, creator, deploy.withMailbox(m)); }
  public Props withRouter(RouterConfig r) { return new Props(clazz, args, constructor, creator, deploy.withRouterConfig(r)); }

  /** Replaces this Props' deploy, keeping what the new one leaves open. */
  public Props withDeploy(Deploy d) { return new Props(clazz, args, constructor, creator, d.withFallback(deploy)); }

  /** True when this is a router's Props. */
  public boolean isRouter() { return !(deploy.routerConfig() instanceof NoRouter); }

  @Override
  public String toString() {
    return "Props(" + deploy + "," + clazz.getName() + "," + (creator != null ? "creator" : args) + ")";
  }
}

package io.troupe.actor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.routing.NoRouter;
import io.troupe.routing.RouterConfig;
import java.util.Objects;

/**
 * How and where an actor is deployed: a scope (local or remote), a router, a dispatcher, a mailbox. Given in code by
 * {@link Props#withDeploy} or in {@code troupe.actor.deployment}; config wins where both say something.
 */
public final class Deploy implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Dispatcher or mailbox not given. */
  public static final String NO_DISPATCHER_GIVEN = "";
  public static final String NO_MAILBOX_GIVEN = "";

  private static final Deploy LOCAL = new Deploy("", ConfigFactory.empty(), NoRouter.getInstance(), LocalScope.getInstance(), "", "");
  private static final Deploy NONE = new Deploy("", ConfigFactory.empty(), NoRouter.getInstance(), NoScopeGiven.getInstance(), "", "");

  private final String path;
  private final transient Config config;
  private final RouterConfig routerConfig;
  private final Scope scope;
  private final String dispatcher;
  private final String mailbox;

  public Deploy(String path, Config config, RouterConfig routerConfig, Scope scope, String dispatcher, String mailbox) {
    this.path = path == null ? "" : path;
    this.config = config == null ? ConfigFactory.empty() : config;
    this.routerConfig = routerConfig == null ? NoRouter.getInstance() : routerConfig;
    this.scope = scope == null ? NoScopeGiven.getInstance() : scope;
    this.dispatcher = dispatcher == null ? "" : dispatcher;
    this.mailbox = mailbox == null ? "" : mailbox;
  }

  public Deploy(Scope scope) {
    this("", ConfigFactory.empty(), NoRouter.getInstance(), scope, "", "");
  }

  public Deploy(RouterConfig routerConfig) {
    this("", ConfigFactory.empty(), routerConfig, NoScopeGiven.getInstance(), "", "");
  }

  public Deploy(RouterConfig routerConfig, Scope scope) {
    this("", ConfigFactory.empty(), routerConfig, scope, "", "");
  }

  /** A deploy pinned to the local scope. */
  public static Deploy local() { return LOCAL; }

  /** The deploy that says nothing. */
  public static Deploy none() { return NONE; }

  public String path() { return path; }
  public Config config() { return config; }
  public RouterConfig routerConfig() { return routerConfig; }
  public Scope scope() { return scope; }
  public String dispatcher() { return dispatcher; }
  public String mailbox() { return mailbox; }

  /** This deploy, with {@code other} filling in what this one leaves open. */
  public Deploy withFallback(Deploy other) {
    return new Deploy(path, config.withFallback(other.config), routerConfig.withFallback(other.routerConfig),
        scope.withFallback(other.scope), dispatcher.isEmpty() ? other.dispatcher : dispatcher,
        mailbox.isEmpty() ? other.mailbox : mailbox);
  }

  public Deploy withScope(Scope s) { return new Deploy(path, config, routerConfig, s, dispatcher, mailbox); }
  public Deploy withRouterConfig(RouterConfig r) { return new Deploy(path, config, r, scope, dispatcher, mailbox); }
  public Deploy withDispatcher(String d) { return new Deploy(path, config, routerConfig, scope, d, mailbox); }
  public Deploy withMailbox(String m) { return new Deploy(path, config, routerConfig, scope, dispatcher, m); }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Deploy)) return false;
    Deploy d = (Deploy) o;
    return path.equals(d.path) && routerConfig.equals(d.routerConfig) && scope.equals(d.scope)
        && dispatcher.equals(d.dispatcher) && mailbox.equals(d.mailbox);
  }

  @Override public int hashCode() { return Objects.hash(path, routerConfig, scope, dispatcher, mailbox); }

  @Override
  public String toString() {
    return "Deploy(" + path + "," + routerConfig + "," + scope + "," + dispatcher + "," + mailbox + ")";
  }
}

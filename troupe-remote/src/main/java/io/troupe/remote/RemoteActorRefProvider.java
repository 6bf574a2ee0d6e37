package io.troupe.remote;

import io.troupe.ConfigurationException;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.RootActorPath;
import io.troupe.actor.Deploy;
import io.troupe.actor.LocalScope;
import io.troupe.actor.Props;
import io.troupe.actor.internal.ActorSystemImpl;
import io.troupe.actor.internal.Deployer;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.remote.serialization.DaemonMsgCreate;
import io.troupe.routing.FromConfig;
import io.troupe.routing.Group;
import io.troupe.routing.NoRouter;
import io.troupe.routing.Pool;
import io.troupe.routing.RouterConfig;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import java.util.List;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.LocalActorRefProvider;
import io.troupe.event.EventStream;
import io.troupe.remote.artery.ArteryRemoting;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider of a system with {@code troupe.actor.provider = remote}: local actors as with the local provider, but
 * under this node's network address, and refs to actors on other nodes that send over Artery TCP.
 */
public class RemoteActorRefProvider extends LocalActorRefProvider {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteActorRefProvider.class);

  private final RemoteSettings remoteSettings;
  private final RemotingCounters counters = new RemotingCounters();
  private volatile ArteryRemoting remoting;
  private volatile ActorRef remoteWatcher;
  private volatile RemoteSystemDaemon daemon;
  private volatile ActorRef deploymentWatcher;

  public RemoteActorRefProvider(String systemName, ActorSystem.Settings settings, EventStream eventStream) {
    super(systemName, settings, eventStream);
    this.remoteSettings = new RemoteSettings(settings.config());
    if (remoteSettings.transport() == RemoteSettings.TransportKind.AERON_UDP) {
      throw new ConfigurationException("troupe.remote.artery.transport = aeron-udp is not available in this version; "
          + "use tcp or tls-tcp");
    }
  }

  @Override
  public void init(ActorSystemImpl system) {
    ArteryRemoting r = new ArteryRemoting(system, this, remoteSettings, counters);
    this.remoting = r;
    Address address = r.bind();
    try {
      initWithAddress(system, address);
      this.daemon = new RemoteSystemDaemon(this, rootPath().child("remote"), settings.config(), settings.classLoader());
      ActorRef rw = system.systemActorOf(io.troupe.actor.Props.create(io.troupe.remote.watch.RemoteWatcher.class, this), "remote-watcher");
      this.remoteWatcher = rw;
      this.deploymentWatcher = system.systemActorOf(io.troupe.actor.Props.create(RemoteDeploymentWatcher.class),
          "remote-deployment-watcher");
      r.addQuarantineListener(ua -> rw.tell(new io.troupe.remote.watch.RemoteWatcher.AddressTerminated(ua), null));
      r.start();
    } catch (RuntimeException | Error e) {
      r.shutdown();
      throw e;
    }
  }

  public RemoteSettings remoteSettings() { return remoteSettings; }

  /** {@code /system/remote-watcher}, which watches remote actors for local watchers. */
  public ActorRef remoteWatcher() {
    ActorRef rw = remoteWatcher;
    if (rw == null) throw new IllegalStateException("remoting is not started yet");
    return rw;
  }

  /** The remote watcher, or null before it started. */
  public ActorRef remoteWatcherOrNull() { return remoteWatcher; }

  /** This node's address and the UID of this incarnation (random, chosen at start). */
  public UniqueAddress localUniqueAddress() { return remoting().localAddress(); }

  public RemotingCounters counters() { return counters; }

  /** The remoting engine; internal API. */
  public ArteryRemoting remoting() {
    ArteryRemoting r = remoting;
    if (r == null) throw new IllegalStateException("remoting is not started yet");
    return r;
  }

  @Override
  protected Deployer createDeployer() {
    return new RemoteDeployer(settings);
  }

  /** {@code /remote}, the daemon that creates the actors other nodes deploy here. */
  public RemoteSystemDaemon remoteDaemon() { return daemon; }

  @Override
  public InternalActorRef rootExtraChild(String name) {
    if ("remote".equals(name) && daemon != null) return daemon;
    return super.rootExtraChild(name);
  }

  /**
   * Creates an actor, on another node when its deployment says so: the deployment config's {@code remote} for its
   * path, else a {@link RemoteScope} in its Props. A remote scope naming this node deploys locally. For another node
   * the Props are checked to be serializable, a {@link DaemonMsgCreate} goes to that node's {@code /remote} daemon,
   * and the result is a {@link RemoteActorRef} to the child's path there
   * ({@code <node>/remote/<protocol>/<system>@<host>:<port>/<parent path>/<name>#<uid>}), which the parent keeps as
   * its child.
   *
   * <p>A router is deployed as a whole: the router actor is created on the other node, its routees there as its
   * children (its Props' class is the routees', which is what that node's allow list checks); see
   * {@link #checkRouterDeployable} for which routers can be.
   *
   * @throws IllegalArgumentException when the Props cannot be sent (made from a Creator, or an argument without a
   *     serializer), naming the class and the argument, or when its router cannot be, naming the router
   */
  @Override
  public InternalActorRef actorOf(ActorSystemImpl sys, Props props, InternalActorRef supervisor, ActorPath path,
                                  boolean systemService) {
    if (!systemService && daemon != null) {
      Deploy fromConfig = deployer().lookup(path).orElse(null);
      Address target = null;
      if (fromConfig != null) target = Deployer.remoteAddress(fromConfig).orElse(null);
      if (target == null && props.deploy().scope() instanceof RemoteScope) target = ((RemoteScope) props.deploy().scope()).node();
      if (target != null && !isLocalAddress(target)) {
        Deploy effective = (fromConfig == null ? props.deploy() : fromConfig.withFallback(props.deploy()))
            .withScope(new RemoteScope(target));
        if (props.routerConfig() instanceof NoRouter && !(effective.routerConfig() instanceof NoRouter)) {
          // as for a local actor: an entry naming a router does not make an actor whose Props have none into one
          if (settings.debugRouterMisconfiguration()) {
            LOG.warn("Configuration says that [{}] should be a router, but code disagrees. Remove the config or add a "
                + "routerConfig to its Props.", path);
          }
          effective = effective.withRouterConfig(NoRouter.getInstance());
        }
        return deployRemotely(sys, props.withDeploy(effective), effective, supervisor, path, target);
      }
    }
    return super.actorOf(sys, props, supervisor, path, systemService);
  }

  private InternalActorRef deployRemotely(ActorSystemImpl sys, Props props, Deploy deploy, InternalActorRef supervisor,
                                          ActorPath path, Address target) {
    Address local = getDefaultAddress();
    ActorPath remotePath = new RootActorPath(target).child("remote").child(local.protocol())
        .child(local.system() + "@" + local.getHost().orElse("") + ":" + local.getPort().orElse(0))
        .descendant(path.elements()).withUid(path.uid());
    DaemonMsgCreate msg = new DaemonMsgCreate(props, deploy, remotePath.toSerializationFormat(), supervisor);
    RouterConfig router = props.routerConfig();
    if (!(router instanceof NoRouter)) checkRouterDeployable(sys, router, path, target);
    checkSerializable(sys, msg, target);
    RemoteActorRef child = new RemoteActorRef(this, remotePath);
    new RemoteActorRef(this, new RootActorPath(target).child("remote")).tell(msg, null);
    ActorRef dw = deploymentWatcher;
    if (dw != null) dw.tell(new RemoteDeploymentWatcher.WatchRemote(child, supervisor), null);
    return child;
  }

  /**
   * A router deployed onto another node travels as its config, which needs a serializer: Pekko's format (and so
   * Troupe's) has one for RoundRobinPool, RandomPool, BroadcastPool, FromConfig and RemoteRouterConfig over those; a
   * user may bind one to a pool of their own. Groups are refused: their routees are existing actors addressed by path,
   * so the router has nothing to gain from running elsewhere. The supervisor strategy does not travel (Pekko's format
   * has no field for it), which is logged when it is not the pool default.
   *
   * @throws IllegalArgumentException naming the router and saying why when it cannot be deployed there
   * @throws io.troupe.ConfigurationException for a {@link FromConfig} without a deployment entry, as for a local router
   */
  private static void checkRouterDeployable(ActorSystemImpl sys, RouterConfig router, ActorPath path, Address target) {
    String what = "Cannot deploy the router [" + path + "] (" + router.getClass().getName() + ") to [" + target + "]";
    if (router instanceof Group) {
      throw new IllegalArgumentException(what + ": a group router routes to existing actors by path and cannot be "
          + "deployed onto another node (Pekko has no wire format for groups either). Create the group here with the "
          + "remote actors' paths as routees, e.g. routees.paths = [\"" + target + "/user/worker\"]");
    }
    router.verifyConfig(path);
    Pool local = router instanceof RemoteRouterConfig ? ((RemoteRouterConfig) router).local() : null;
    try {
      SerializationExtension.get(sys).serialize(router);
    } catch (Exception | LinkageError e) {
      String which = local == null ? "" : " (its pool is a " + local.getClass().getName() + ")";
      throw new IllegalArgumentException(what + which + ": only RoundRobinPool, RandomPool and BroadcastPool (also "
          + "through FromConfig or a RemoteRouterConfig) can be deployed onto another node, as in Pekko, whose wire "
          + "format has no other router configs; routing logic that is code (a hash mapper, a custom router) cannot be "
          + "sent. Deploy the routees instead (target.nodes, or a RemoteRouterConfig), or deploy an actor there that "
          + "creates the router. (" + e.getMessage() + ")", e);
    }
    Pool pool = local != null ? local : router instanceof Pool ? (Pool) router : null;
    if (pool != null && pool.supervisorStrategy() != Pool.DEFAULT_SUPERVISOR_STRATEGY) {
      LOG.warn("The supervisor strategy of router [{}] is not sent to [{}] (Pekko's wire format has no field for it): "
          + "its routees there are supervised by the pool's default strategy, which escalates their failures to the "
          + "router's parent here. To choose their supervision, deploy an actor there that creates the router.",
          path, target);
    }
  }

  private static void checkSerializable(ActorSystemImpl sys, DaemonMsgCreate msg, Address target) {
    Props props = msg.props();
    String what = "Cannot deploy [" + props.actorClass().getName() + "] to [" + target + "]";
    if (props.creator() != null) {
      throw new IllegalArgumentException(what + ": its Props was made from a Creator (" + props.creator().getClass().getName()
          + "), which cannot be sent to another node. Use Props.create(Class, args...) with arguments that have serializers");
    }
    Serialization s = SerializationExtension.get(sys);
    List<Object> args = props.args();
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (arg == null) continue;
      try {
        s.serialize(arg);
      } catch (Exception | LinkageError e) {
        throw new IllegalArgumentException(what + ": constructor argument " + i + " of type [" + arg.getClass().getName()
            + "] cannot be serialized (" + e.getMessage() + "); bind a serializer to its class in "
            + "troupe.actor.serialization-bindings", e);
      }
    }
    try {
      s.serialize(msg);
    } catch (Exception | LinkageError e) {
      throw new IllegalArgumentException(what + ": its Props or Deploy cannot be serialized (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Creates an actor another node deployed here (called by the daemon): local, with the remote parent as supervisor.
   * Its scope becomes local: the deployment has been honoured, and a router's routees, which inherit its Props, are
   * created here even when the deploying node spells this node's address differently.
   */
  InternalActorRef createDeployedActor(Props props, InternalActorRef supervisor, ActorPath path) {
    Props here = props.withDeploy(props.deploy().withScope(LocalScope.getInstance()));
    return super.actorOf(system(), here, supervisor, path, true);
  }

  @Override
  public ActorRef resolveActorRef(String path) {
    ActorPath p = ActorPaths.parse(path);
    if (p == null) {
      LOG.debug("cannot resolve malformed path [{}]", path);
      return deadLetters();
    }
    return resolveActorRef(p);
  }

  @Override
  public ActorRef resolveActorRef(ActorPath path) {
    Address a = path.address();
    if (isLocalAddress(a)) return resolveLocal(path);
    if (a.hasGlobalScope() && remoteSettings.accepts(a.protocol())) return new RemoteActorRef(this, path);
    LOG.debug("cannot resolve [{}]: protocol [{}] is not accepted (troupe.remote.accept-protocol-names = {})", path,
        a.protocol(), remoteSettings.acceptProtocolNames());
    return deadLetters();
  }

  @Override
  public InternalActorRef rootGuardianAt(Address address) {
    if (isLocalAddress(address)) return rootGuardian();
    if (address.hasGlobalScope() && remoteSettings.accepts(address.protocol())) {
      return new RemoteActorRef(this, new RootActorPath(address));
    }
    return super.rootGuardianAt(address);
  }

  @Override
  public Optional<Address> getExternalAddressFor(Address remote) {
    return Optional.of(getDefaultAddress());
  }

  @Override
  public void shutdown() {
    RemoteSystemDaemon d = daemon;
    if (d != null) d.stopAll(java.time.Duration.ofSeconds(2));
    ArteryRemoting r = remoting;
    if (r != null) r.shutdown();
  }
}

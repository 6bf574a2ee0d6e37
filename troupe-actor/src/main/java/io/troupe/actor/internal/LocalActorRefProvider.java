package io.troupe.actor.internal;

import io.troupe.actor.AbstractActor;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorRefProvider;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;

import io.troupe.actor.OneForOneStrategy;
import io.troupe.actor.Props;
import io.troupe.actor.RootActorPath;
import io.troupe.actor.Scheduler;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.dispatch.Dispatchers;
import io.troupe.dispatch.MailboxType;
import io.troupe.dispatch.MessageDispatcher;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.event.EventStream;
import io.troupe.japi.pf.DeciderBuilder;
import io.troupe.routing.NoRouter;
import io.troupe.routing.Pool;
import io.troupe.routing.RouterConfig;
import io.troupe.routing.internal.RoutedActorRef;
import io.troupe.routing.internal.RouterActor;
import com.typesafe.config.ConfigUtil;
import io.troupe.ConfigurationException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider of a system without remoting: the root guardian {@code /} with {@code /user} and {@code /system}
 * below it, {@code /deadLetters} and {@code /temp}. A remote provider extends it and supplies a network address.
 */
public class LocalActorRefProvider implements ActorRefProvider {
  private static final Logger LOG = LoggerFactory.getLogger(LocalActorRefProvider.class);

  protected final String systemName;
  protected final ActorSystem.Settings settings;
  protected final EventStream eventStream;
  private final Deployer deployer;

  private ActorSystemImpl system;
  private Address rootAddress;
  private RootActorPath rootPath;
  private DeadLetterActorRef deadLetters;
  private VirtualPathContainer tempContainer;
  private LocalActorRef rootGuardian;
  private InternalActorRef guardian;
  private InternalActorRef systemGuardian;
  private final AtomicLong tempNumber = new AtomicLong();

  public LocalActorRefProvider(String systemName, ActorSystem.Settings settings, EventStream eventStream) {
    this.systemName = systemName;
    this.settings = settings;
    this.eventStream = eventStream;
    this.deployer = createDeployer();
  }

  /**
   * Makes the deployer, reading {@code troupe.actor.deployment}; called once from the constructor. The remote provider
   * overrides it with a deployer that maps {@code remote} and {@code target.nodes}.
   */
  protected Deployer createDeployer() {
    return new Deployer(settings, settings.classLoader());
  }

  /** The deployment config of this system. */
  public Deployer deployer() { return deployer; }

  @Override
  public void init(ActorSystemImpl sys) {
    initWithAddress(sys, new Address(settings.protocol(), systemName));
  }

  /** Builds the tree under {@code address}; remote providers call this once their address is known. */
  protected final void initWithAddress(ActorSystemImpl sys, Address address) {
    this.system = sys;
    this.rootAddress = address;
    this.rootPath = new RootActorPath(address);
    this.deadLetters = new DeadLetterActorRef(this, rootPath.child("deadLetters"), eventStream);
    sys.dispatchers().init(sys, deadLetters);
    eventStream.init(deadLetters);

    InternalActorRef bubbleWalker = new BubbleWalker(this, rootPath.child("bubble-walker"), sys);
    MessageDispatcher d = sys.dispatchers().defaultGlobalDispatcher();
    MailboxType mt = sys.dispatchers().mailboxType(Dispatchers.DEFAULT_MAILBOX_ID);
    rootGuardian = new LocalActorRef(sys, Props.create(RootGuardian.class), d, mt, bubbleWalker, rootPath);
    tempContainer = new VirtualPathContainer(this, rootPath.child("temp"), rootGuardian);
    rootGuardian.start();
    ActorCell rootCell = rootGuardian.underlying();
    guardian = (InternalActorRef) rootCell.attachChild(Props.create(Guardian.class, settings.guardianSupervisorStrategy()), "user", true);
    systemGuardian = (InternalActorRef) rootCell.attachChild(Props.create(Guardian.class, SupervisorStrategy.defaultStrategy), "system", true);
  }

  public ActorSystemImpl system() { return system; }

  public Scheduler scheduler() { return system.scheduler(); }

  @Override public Address getDefaultAddress() { return rootAddress; }
  @Override public RootActorPath rootPath() { return rootPath; }
  @Override public InternalActorRef rootGuardian() { return rootGuardian; }
  @Override public InternalActorRef guardian() { return guardian; }
  @Override public InternalActorRef systemGuardian() { return systemGuardian; }
  @Override public InternalActorRef deadLetters() { return deadLetters; }

  /**
   * True when {@code address} is this system's own: its address, or (once a remote provider has given the system a
   * host and port) the same protocol and system name without a host, as Pekko's providers accept.
   */
  public boolean isLocalAddress(Address address) {
    return address.equals(rootAddress) || (address.hasLocalScope() && address.system().equals(systemName)
        && address.protocol().equals(rootAddress.protocol()));
  }

  /**
   * Creates an actor or a router. Unless it is a system service, the deployment config for its path is looked up and
   * wins over the Props' own deploy ({@code Deploy.withFallback}): its dispatcher and mailbox, and for a router its
   * router config (which falls back to the one in code). An entry that names a router does not make an actor whose
   * Props have no router into one (as in Pekko; {@code troupe.actor.debug.router-misconfiguration} warns about it).
   */
  @Override
  public InternalActorRef actorOf(ActorSystemImpl sys, Props props, InternalActorRef supervisor, ActorPath path, boolean systemService) {
    Deploy fromConfig = systemService ? null : deployer.lookup(path).orElse(null);
    if (props.routerConfig() instanceof NoRouter) {
      Props p = props;
      if (fromConfig != null) {
        if (!(fromConfig.routerConfig() instanceof NoRouter) && settings.debugRouterMisconfiguration()) {
          LOG.warn("Configuration says that [{}] should be a router, but code disagrees. Remove the config or add a "
              + "routerConfig to its Props.", path);
        }
        p = props.withDeploy(fromConfig.withRouterConfig(NoRouter.getInstance()));
      }
      String dispatcherId = p.dispatcher();
      MessageDispatcher dispatcher = sys.dispatchers().lookup(dispatcherId);
      MailboxType mailboxType = sys.dispatchers().mailboxTypeFor(p.mailbox(), dispatcherId);
      return new LocalActorRef(sys, p, dispatcher, mailboxType, supervisor, path);
    }
    return routerOf(sys, fromConfig == null ? props : props.withDeploy(fromConfig), supervisor, path);
  }

  /** A router: its actor runs on the router dispatcher with the default mailbox; the routees get the Props' deploy. */
  private InternalActorRef routerOf(ActorSystemImpl sys, Props props, InternalActorRef supervisor, ActorPath path) {
    RouterConfig router = props.routerConfig();
    router.verifyConfig(path);
    Props routeeProps = props.withRouter(NoRouter.getInstance());
    if (router instanceof Pool) {
      if (((Pool) router).usePoolDispatcher()) {
        routeeProps = routeeProps.withDispatcher(
            ConfigUtil.joinPath("troupe", "actor", "deployment", props.deploy().path(), "pool-dispatcher"));
      }
      if (!sys.dispatchers().hasDispatcher(routeeProps.dispatcher())) {
        throw new ConfigurationException("Dispatcher [" + routeeProps.dispatcher() + "] not configured for the routees "
            + "of [" + path + "]: add a dispatcher block at that config path, or use " + Dispatchers.DEFAULT_DISPATCHER_ID);
      }
    }
    String routerDispatcherId = router.routerDispatcher();
    if (!sys.dispatchers().hasDispatcher(routerDispatcherId)) {
      throw new ConfigurationException("Dispatcher [" + routerDispatcherId + "] not configured for the router [" + path
          + "]: add a dispatcher block at that config path, or leave the router on " + Dispatchers.DEFAULT_DISPATCHER_ID);
    }
    Props routerProps = Props.create(RouterActor.class).withDispatcher(routerDispatcherId);
    MessageDispatcher dispatcher = sys.dispatchers().lookup(routerDispatcherId);
    MailboxType mailboxType = sys.dispatchers().mailboxTypeFor("", routerDispatcherId);
    return new RoutedActorRef(sys, routerProps, dispatcher, mailboxType, supervisor, path, router, routeeProps);
  }

  /** A fresh path under {@code /temp}. */
  public ActorPath tempPath() {
    return tempContainer.path().child("$" + ActorCell.base64(tempNumber.getAndIncrement()));
  }

  public void registerTempActor(InternalActorRef ref, ActorPath path) {
    tempContainer.addChild(path.name(), ref);
  }

  public void unregisterTempActor(ActorPath path) {
    InternalActorRef r = tempContainer.getChild(path.name());
    if (r != null) tempContainer.removeChild(path.name(), r);
  }

  /** The number of live temp refs (asks in flight). */
  public int tempActorCount() { return tempContainer.size(); }

  @Override
  public InternalActorRef rootExtraChild(String name) {
    if ("temp".equals(name)) return tempContainer;
    if ("deadLetters".equals(name)) return deadLetters;
    return null;
  }

  @Override
  public ActorRef resolveActorRef(String path) {
    ActorPath p = ActorPaths.parse(path);
    if (p == null) {
      LOG.debug("resolve of unknown path [{}] failed", path);
      return deadLetters;
    }
    return resolveActorRef(p);
  }

  @Override
  public ActorRef resolveActorRef(ActorPath path) {
    if (!isLocalAddress(path.address())) {
      LOG.debug("resolve of foreign path [{}] failed: not this system's address [{}]", path, rootAddress);
      return deadLetters;
    }
    return resolveLocal(path);
  }

  /** Looks up a path of this system; an empty ref when nothing lives there. */
  public InternalActorRef resolveLocal(ActorPath path) {
    List<String> el = path.elements();
    if (el.isEmpty()) return rootGuardian;
    String[] names = el.toArray(new String[0]);
    if (path.uid() != ActorPath.UNDEFINED_UID) names[names.length - 1] = names[names.length - 1] + "#" + path.uid();
    InternalActorRef r = rootGuardian.getChild(java.util.Arrays.asList(names).iterator());
    return r != null ? r : new EmptyLocalActorRef(this, path, eventStream);
  }

  @Override
  public InternalActorRef rootGuardianAt(Address address) {
    if (isLocalAddress(address)) return rootGuardian;
    return new EmptyLocalActorRef(this, new RootActorPath(address), eventStream);
  }

  @Override
  public Optional<Address> getExternalAddressFor(Address remote) {
    return isLocalAddress(remote) ? Optional.of(rootAddress) : Optional.empty();
  }

  // ------------------------------------------------------------------ guardians

  /** {@code /}: stops {@code /system} once {@code /user} has stopped, and itself after {@code /system}. */
  public static final class RootGuardian extends AbstractActor {
    private final SupervisorStrategy strategy = new OneForOneStrategy(DeciderBuilder.matchAny(e -> {
      LOG.error("guardian failed, shutting down system", e);
      return SupervisorStrategy.stop();
    }).build()) {
      @Override
      public void handleChildTerminated(io.troupe.actor.ActorContext context, ActorRef child, Iterable<ActorRef> children) {
        String name = child.path().name();
        LocalActorRefProvider p = (LocalActorRefProvider) ((InternalActorRef) context.self()).provider();
        if ("user".equals(name)) {
          p.systemImpl().markTerminating();
          context.stop(p.systemGuardian());
        } else if ("system".equals(name)) {
          context.stop(context.self());
        }
      }
    };

    @Override public SupervisorStrategy supervisorStrategy() { return strategy; }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getContext().getSystem().deadLetters().tell(m, getSender())).build();
    }
  }

  ActorSystemImpl systemImpl() { return system; }

  /** {@code /user} and {@code /system}: supervise top-level actors; stop them on request from {@code system.stop}. */
  public static final class Guardian extends AbstractActor {
    private final SupervisorStrategy strategy;

    public Guardian(SupervisorStrategy strategy) { this.strategy = strategy; }

    @Override public SupervisorStrategy supervisorStrategy() { return strategy; }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getContext().getSystem().deadLetters().tell(m, getSender())).build();
    }

    @Override
    public void preRestart(Throwable reason, Optional<Object> message) {
      // a guardian keeps its children across restarts
    }
  }

  /** The root guardian's supervisor: ends the system when the root stops or fails. */
  static final class BubbleWalker extends MinimalActorRef {
    private static final long serialVersionUID = 1L;
    private final transient LocalActorRefProvider provider;
    private final ActorPath path;
    private final transient ActorSystemImpl system;

    BubbleWalker(LocalActorRefProvider provider, ActorPath path, ActorSystemImpl system) {
      this.provider = provider;
      this.path = path;
      this.system = system;
    }

    @Override public ActorPath path() { return path; }
    @Override public ActorRefProvider provider() { return provider; }

    @Override
    public void sendSystemMessage(SystemMessage message) {
      if (message instanceof SystemMessage.Failed) {
        LOG.error("root guardian failed, shutting down system", ((SystemMessage.Failed) message).cause());
        ((SystemMessage.Failed) message).child().tell(io.troupe.actor.PoisonPill.getInstance(), null);
        ((InternalActorRef) ((SystemMessage.Failed) message).child()).stop();
      } else if (message instanceof SystemMessage.DeathWatchNotification) {
        system.onRootTerminated();
      }
    }
  }

}

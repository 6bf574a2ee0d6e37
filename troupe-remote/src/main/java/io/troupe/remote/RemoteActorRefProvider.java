package io.troupe.remote;

import io.troupe.ConfigurationException;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorPaths;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.RootActorPath;
import io.troupe.actor.internal.ActorSystemImpl;
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
      ActorRef rw = system.systemActorOf(io.troupe.actor.Props.create(io.troupe.remote.watch.RemoteWatcher.class, this), "remote-watcher");
      this.remoteWatcher = rw;
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
    ArteryRemoting r = remoting;
    if (r != null) r.shutdown();
  }
}

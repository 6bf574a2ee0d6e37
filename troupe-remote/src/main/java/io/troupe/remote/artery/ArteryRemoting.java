package io.troupe.remote.artery;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.internal.ActorSelectionMessage;
import io.troupe.actor.internal.ActorSystemImpl;
import io.troupe.actor.internal.InternalActorRef;
import io.troupe.actor.internal.SelectionPathElement;
import io.troupe.dispatch.sysmsg.SystemMessage;
import io.troupe.remote.RemoteActorRef;
import io.troupe.remote.RemoteActorRefProvider;
import io.troupe.remote.RemoteSettings;
import io.troupe.remote.RemotingCounters;
import io.troupe.remote.RemotingCounters.Counter;
import io.troupe.remote.RemotingLifecycleEvent;
import io.troupe.remote.RemotingListenEvent;
import io.troupe.remote.RemotingShutdownEvent;
import io.troupe.remote.ThisActorSystemQuarantinedEvent;
import io.troupe.remote.UniqueAddress;
import io.troupe.remote.codec.ControlMessage;
import io.troupe.remote.codec.FrameDescriptor;
import io.troupe.remote.transport.OutboundConnection;
import io.troupe.remote.transport.Transport;
import io.troupe.remote.transport.TransportFactory;
import io.troupe.remote.transport.tcp.TcpTransport;
import io.troupe.remote.transport.tcp.TcpTransportSettings;
import io.troupe.remote.transport.tls.SSLEngineProvider;
import io.troupe.remote.transport.tls.TlsTcpTransport;
import io.troupe.serialization.Serialization;
import io.troupe.serialization.SerializationExtension;
import io.troupe.serialization.Serializer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remoting engine of one actor system: the transport, one {@link Association} per peer address, the quarantine
 * set, inbound connection handling and shutdown. Thread-safe; per-peer state lives in the associations.
 */
public final class ArteryRemoting {
  private static final Logger LOG = LoggerFactory.getLogger(ArteryRemoting.class);

  private final ActorSystemImpl system;
  private final RemoteActorRefProvider provider;
  private final RemoteSettings settings;
  private final RemotingCounters counters;
  private final long uid;
  private final Transport transport;
  private final ConcurrentHashMap<Address, Association> associations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Association> byUid = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, UniqueAddress> quarantined = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Boolean> loggedOnce = new ConcurrentHashMap<>();
  private final List<Consumer<UniqueAddress>> quarantineListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String[]> largeDestinations;
  private final Set<String> trustedSelectionPaths;
  private final AtomicInteger terminatingAcks = new AtomicInteger();
  private volatile UniqueAddress localAddress;
  private volatile DropLog dropLog;
  private volatile FrameSizeLog frameSizeLog;
  private volatile OutboundEncoder encoder;
  private volatile Serialization serialization;
  private volatile boolean shuttingDown;
  private final io.troupe.remote.observe.RemotingFlightRecorder recorder;

  public ArteryRemoting(ActorSystemImpl system, RemoteActorRefProvider provider, RemoteSettings settings, RemotingCounters counters) {
    this.system = system;
    this.provider = provider;
    this.settings = settings;
    this.counters = counters;
    long u;
    do {
      u = ThreadLocalRandom.current().nextLong();
    } while (u == 0);
    this.uid = u;
    this.recorder = io.troupe.remote.observe.RemotingFlightRecorder.create(settings.flightRecorderEnabled());
    this.transport = transportFactory(system, settings).create(system, settings);
    List<String[]> ld = new ArrayList<>();
    for (String d : settings.largeMessageDestinations()) ld.add(d.substring(1).split("/"));
    this.largeDestinations = List.copyOf(ld);
    this.trustedSelectionPaths = Set.copyOf(settings.trustedSelectionPaths());
  }

  /** tcp or tls-tcp as configured, unless troupe.remote.artery.advanced.transport-factory names another factory. */
  private static TransportFactory transportFactory(ActorSystemImpl system, RemoteSettings settings) {
    String name = settings.advanced().transportFactory();
    if (name.isEmpty()) return settings.transport() == RemoteSettings.TransportKind.TLS_TCP ? ArteryRemoting::tlsTcp : ArteryRemoting::tcp;
    try {
      Class<?> c = Class.forName(name, true, system.classLoader());
      return (TransportFactory) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new io.troupe.ConfigurationException("troupe.remote.artery.advanced.transport-factory = " + name
          + " cannot be used: expected a class implementing " + TransportFactory.class.getName()
          + " with a public no-argument constructor (" + e + ")", e);
    }
  }

  private static TcpTransportSettings tcpSettings(RemoteSettings settings) {
    int maxInbound = Math.max(settings.advanced().maximumFrameSize(), settings.advanced().maximumLargeFrameSize());
    int lanes = settings.advanced().inboundLanes();
    int ioThreads = lanes <= 0 ? 0 : Math.max(2, Math.min(lanes, Runtime.getRuntime().availableProcessors()));
    return new TcpTransportSettings(ioThreads, (int) settings.advanced().connectionTimeout().toMillis(), maxInbound,
        1024 * 1024, 64 * 1024, settings.advanced().tcpDirectWrites());
  }

  private static Transport tcp(ExtendedActorSystem system, RemoteSettings settings) {
    return new TcpTransport(system.name() + "-remote", tcpSettings(settings), system.settings().daemonic());
  }

  private static Transport tlsTcp(ExtendedActorSystem system, RemoteSettings settings) {
    SSLEngineProvider engines = sslEngineProvider(system);
    return new TlsTcpTransport(system.name() + "-remote", tcpSettings(settings), system.settings().daemonic(), engines,
        settings.advanced().connectionTimeout().toMillis());
  }

  /** The class named by troupe.remote.artery.ssl.ssl-engine-provider, made with (ActorSystem) or else (Config). */
  static SSLEngineProvider sslEngineProvider(ExtendedActorSystem system) {
    String key = "troupe.remote.artery.ssl.ssl-engine-provider";
    String name = system.settings().config().getString(key);
    Class<?> c;
    try {
      c = Class.forName(name, true, system.classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new io.troupe.ConfigurationException(key + " = " + name + ": class not found (" + e + ")", e);
    }
    if (!SSLEngineProvider.class.isAssignableFrom(c)) {
      throw new io.troupe.ConfigurationException(key + " = " + name + " does not implement " + SSLEngineProvider.class.getName());
    }
    try {
      try {
        return (SSLEngineProvider) c.getConstructor(io.troupe.actor.ActorSystem.class).newInstance(system);
      } catch (NoSuchMethodException e) {
        return (SSLEngineProvider) c.getConstructor(com.typesafe.config.Config.class).newInstance(system.settings().config());
      }
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t instanceof RuntimeException) throw (RuntimeException) t;
      throw new io.troupe.ConfigurationException(key + " = " + name + " failed to start: " + t, t);
    } catch (ReflectiveOperationException e) {
      throw new io.troupe.ConfigurationException(key + " = " + name + " needs a public constructor taking an ActorSystem "
          + "or a Config (" + e + ")", e);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  /** Binds the listener and fixes this node's address; called before the actor tree exists. */
  public Address bind() {
    RemoteSettings.Bind b = settings.bind();
    InetSocketAddress bound;
    try {
      bound = transport.bind(b.hostname(), b.port(), remote -> new InboundConnection(this, remote))
          .toCompletableFuture().get(b.bindTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      transport.close();
      Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new io.troupe.ConfigurationException("Remoting could not bind to " + b.hostname() + ":" + b.port()
          + " (troupe.remote.artery.bind / canonical): " + c.getMessage(), c);
    }
    int port = settings.canonical().port() == 0 ? bound.getPort() : settings.canonical().port();
    Address address = new Address(settings.protocol(), system.name(), settings.canonical().hostname(), port);
    this.localAddress = new UniqueAddress(address, uid);
    this.dropLog = new DropLog(address, recorder);
    this.frameSizeLog = new FrameSizeLog(settings.logFrameSizeExceeding());
    this.encoder = new OutboundEncoder(this);
    return address;
  }

  /** The actor tree exists: announce that remoting listens. */
  public void start() {
    LOG.info("Remoting started with transport [Artery {}]; listening on address [{}] with UID [{}]",
        settings.transport().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), localAddress.address(), uid);
    publish(new RemotingListenEvent(Set.of(localAddress.address())));
  }

  /**
   * Tells every peer that this system terminates (ActorSystemTerminating on each open connection), waits up to
   * shutdown-flush-timeout for their acknowledgements, then closes everything.
   */
  public void shutdown() {
    if (shuttingDown) return;
    shuttingDown = true;
    UniqueAddress local = localAddress;
    if (local != null) {
      AtomicInteger expected = new AtomicInteger();
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      String flusher = local.address() + "/system/remoteFlushOnShutdown";
      for (Association a : associations.values()) {
        UniqueAddress peer = a.peer();
        if (peer == null || isQuarantined(peer.uid())) continue;
        try {
          sent.add(a.loop.submit(() -> {
            for (OutboundConnection c : a.openConnections()) {
              encoder.encodeControl(c, new ControlMessage.ActorSystemTerminating(local), "", flusher, a);
              c.flush();
              expected.incrementAndGet();
            }
          }));
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
          // transport already stopping
        }
      }
      for (java.util.concurrent.Future<?> f : sent) {
        try {
          f.get(1, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // best effort
        }
      }
      // a real wait on the caller's thread (the transport's executors keep working meanwhile), so the wall clock
      long deadline = System.nanoTime() + settings.advanced().shutdownFlushTimeout().toNanos();
      while (terminatingAcks.get() < expected.get() && System.nanoTime() - deadline < 0) LockSupport.parkNanos(5_000_000L);
      for (Association a : associations.values()) {
        try {
          a.loop.submit(a::close).get(1, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // closing anyway
        }
      }
    }
    transport.close();
    publish(RemotingShutdownEvent.getInstance());
  }

  // ------------------------------------------------------------------ accessors

  public ActorSystemImpl system() { return system; }
  public RemoteActorRefProvider provider() { return provider; }
  public RemoteSettings settings() { return settings; }
  public RemotingCounters counters() { return counters; }
  public UniqueAddress localAddress() { return localAddress; }
  public Transport transport() { return transport; }
  List<String[]> largeDestinations() { return largeDestinations; }
  DropLog dropLog() { return dropLog; }
  FrameSizeLog frameSizeLog() { return frameSizeLog; }
  OutboundEncoder encoder() { return encoder; }

  public InternalActorRef deadLetters() { return provider.deadLetters(); }

  Serialization serialization() {
    Serialization s = serialization;
    if (s == null) {
      s = SerializationExtension.get(system);
      serialization = s;
    }
    return s;
  }

  Serializer systemMessageSerializer() {
    Serializer s = serialization().serializerByIdentity().get(SystemMessageSerializerId.ID);
    if (s == null) throw new IllegalStateException("no serializer with id 22 (system messages) is configured");
    return s;
  }

  /** True only the first time for {@code key}. */
  boolean dropLogOnce(String key) {
    return loggedOnce.putIfAbsent(key, Boolean.TRUE) == null;
  }

  public boolean isLocalAddress(Address a) {
    return a.equals(localAddress.address()) || (a.hasLocalScope() && a.system().equals(system.name()));
  }

  /** Every association, for tests and diagnostics. */
  public java.util.Collection<Association> associations() { return associations.values(); }

  /** Registers a callback for every quarantined peer incarnation (remote death watch uses it). */
  public void addQuarantineListener(Consumer<UniqueAddress> l) { quarantineListeners.add(l); }

  // ------------------------------------------------------------------ associations

  /** The association to {@code address}, created on first use. */
  public Association association(Address address) {
    Association a = associations.get(address);
    if (a != null) return a;
    if (shuttingDown) {
      throw new IllegalStateException("remoting is shut down; cannot send to [" + address + "]");
    }
    return associations.computeIfAbsent(address, k -> new Association(this, k));
  }

  /** Forgets an association (a long-quarantined peer); a later send creates a fresh one. Loop of {@code a} only. */
  void removeAssociation(Association a) {
    if (associations.remove(a.remoteAddress(), a)) {
      byUid.values().removeIf(x -> x == a);
      a.close();
    }
  }

  Association associationByUid(long uid) {
    return byUid.get(uid);
  }

  void registerUid(long peerUid, Association a) {
    byUid.put(peerUid, a);
  }

  /** Which stream a message to {@code recipient} travels on (spec 1.2). */
  int streamFor(RemoteActorRef recipient, Object message) {
    if (message instanceof ActorSelectionMessage) {
      ActorSelectionMessage sel = (ActorSelectionMessage) message;
      if (sel.message() instanceof ControlMessage.ArteryHeartbeat || isRemoteWatcher(sel.elements())) {
        return FrameDescriptor.CONTROL_STREAM_ID;
      }
      return FrameDescriptor.ORDINARY_STREAM_ID;
    }
    int cached = recipient.streamHint();
    if (cached > 0) return cached;
    List<String> el = recipient.path().elements();
    int s;
    if (el.size() == 2 && el.get(0).equals("system") && el.get(1).equals("remote-watcher")) {
      s = FrameDescriptor.CONTROL_STREAM_ID;
    } else if (el.size() == 1 && el.get(0).equals("remote") && isDaemonMessage(message)) {
      return FrameDescriptor.CONTROL_STREAM_ID;
    } else if (matchesLarge(el)) {
      s = FrameDescriptor.LARGE_STREAM_ID;
    } else {
      s = FrameDescriptor.ORDINARY_STREAM_ID;
    }
    recipient.streamHint(s);
    return s;
  }

  private static boolean isDaemonMessage(Object m) {
    return m.getClass().getName().equals("io.troupe.remote.serialization.DaemonMsgCreate");
  }

  private static boolean isRemoteWatcher(List<SelectionPathElement> el) {
    return el.size() == 2 && el.get(0).toString().equals("system") && el.get(1).toString().equals("remote-watcher");
  }

  private boolean matchesLarge(List<String> el) {
    outer:
    for (String[] pattern : largeDestinations) {
      if (pattern.length != el.size()) continue;
      for (int i = 0; i < pattern.length; i++) {
        if (!glob(pattern[i], el.get(i))) continue outer;
      }
      return true;
    }
    return false;
  }

  private static boolean glob(String pattern, String name) {
    if (pattern.equals("*")) return true;
    if (pattern.indexOf('*') < 0) return pattern.equals(name);
    return new SelectionPathElement.SelectChildPattern(pattern).matches(name);
  }

  // ------------------------------------------------------------------ inbound control

  /** A HandshakeReq arrived (any stream, its connection's I/O thread). */
  void onHandshakeReq(ControlMessage.HandshakeReq req, InetSocketAddress from) {
    UniqueAddress peer = req.from();
    if (!req.to().equals(localAddress.address())) {
      counters.increment(Counter.DROPPED_WRONG_ADDRESS);
      dropLog.log(Counter.DROPPED_WRONG_ADDRESS, peer.address(), "a handshake addressed to [" + req.to() + "] (this node is ["
          + localAddress.address() + "]; host names and protocol must match exactly)", "handshake-to:" + req.to());
      return;
    }
    if (!settings.accepts(peer.address().protocol())) {
      dropLog.log(Counter.DROPPED_WRONG_ADDRESS, peer.address(), "a handshake with protocol [" + peer.address().protocol()
          + "] (troupe.remote.accept-protocol-names = " + settings.acceptProtocolNames() + ")", "protocol:" + peer.address().protocol());
      return;
    }
    Association a = association(peer.address());
    if (isQuarantined(peer.uid())) {
      sendQuarantinedNotice(a, peer);
      return;
    }
    // register the UID now, so frames that follow the request on this connection are accepted
    registerUid(peer.uid(), a);
    a.loop.execute(() -> a.onHandshakeReq(peer));
  }

  /** ActorSystemTerminating from a peer: acknowledge; for the control-stream copy, quarantine it harmlessly soon. */
  void onActorSystemTerminating(ControlMessage.ActorSystemTerminating m, String senderPath, boolean controlStream) {
    UniqueAddress peer = m.from();
    Association a = association(peer.address());
    if (!senderPath.isEmpty()) {
      a.sendControlOrdinary(new ControlMessage.ActorSystemTerminatingAck(localAddress), senderPath, "");
    }
    if (controlStream) {
      a.loop.schedule(() -> quarantine(peer, "ActorSystem terminated", true), 1, TimeUnit.SECONDS);
    }
  }

  void onActorSystemTerminatingAck(ControlMessage.ActorSystemTerminatingAck m) {
    terminatingAcks.incrementAndGet();
  }

  /** Flush (ordinary/large stream): exactly one FlushAck{1} per Flush, to the flusher (spec 7.3). */
  void onFlush(long originUid, String senderPath) {
    Association a = associationByUid(originUid);
    if (a == null || senderPath.isEmpty()) return;
    a.sendControlOrdinary(new ControlMessage.FlushAck(1), senderPath, "");
  }

  /** Control messages of the control stream that concern remoting itself. */
  void onControl(ControlMessage m, long originUid) {
    if (m instanceof ControlMessage.HandshakeRsp) {
      UniqueAddress peer = ((ControlMessage.HandshakeRsp) m).from();
      if (!settings.accepts(peer.address().protocol())) return;
      Association a = association(peer.address());
      if (isQuarantined(peer.uid())) {
        sendQuarantinedNotice(a, peer);
        return;
      }
      registerUid(peer.uid(), a);
      a.loop.execute(() -> a.onHandshakeRsp(peer));
    } else if (m instanceof ControlMessage.SystemMessageDeliveryAck) {
      ControlMessage.SystemMessageDeliveryAck ack = (ControlMessage.SystemMessageDeliveryAck) m;
      Association a = associations.get(ack.from().address());
      if (a != null) a.loop.execute(() -> a.onAck(ack.seqNo(), ack.from()));
    } else if (m instanceof ControlMessage.Quarantined) {
      ControlMessage.Quarantined q = (ControlMessage.Quarantined) m;
      if (q.to().equals(localAddress)) {
        if (dropLogOnce("quarantined-by:" + q.from())) {
          LOG.warn("[{}] the remote system [{}] has quarantined this system; no further communication with it is "
              + "possible until this system restarts", localAddress.address(), q.from().address());
        }
        publish(new ThisActorSystemQuarantinedEvent(localAddress.address(), q.from().address()));
        system.eventStream().publish(new io.troupe.remote.artery.ThisActorSystemQuarantinedEvent(localAddress, q.from()));
      }
    } else if (m instanceof ControlMessage.CompressionAdvertisement) {
      ControlMessage.CompressionAdvertisement adv = (ControlMessage.CompressionAdvertisement) m;
      Association a = associations.get(adv.from().address());
      if (a != null) a.loop.execute(() -> a.onCompressionAdvertisement(adv));
    } else if (m instanceof ControlMessage.CompressionAdvertisementAck) {
      ControlMessage.CompressionAdvertisementAck ack = (ControlMessage.CompressionAdvertisementAck) m;
      Association a = associations.get(ack.from().address());
      if (a != null) a.onCompressionAck(ack);
    } else {
      LOG.debug("ignoring control message [{}] from UID [{}]", m.manifest(), originUid);
    }
  }

  /** Hands a system message from the peer to its local recipient (association loop). */
  void deliverSystemMessage(ControlMessage.SystemMessageEnvelope env, InternalActorRef recipient, Association a) {
    Object m;
    try {
      m = serialization().deserialize(env.message(), env.serializerId(), env.messageManifest() == null ? "" : env.messageManifest());
    } catch (Exception e) {
      counters.increment(Counter.DROPPED_DESERIALIZATION_FAILED);
      dropLog.log(Counter.DROPPED_DESERIALIZATION_FAILED, a.remoteAddress, "a system message (" + e.getMessage() + ")", "sysmsg");
      return;
    }
    if (!(m instanceof SystemMessage)) {
      LOG.warn("[{}] system message envelope from [{}] held a [{}], not a system message; dropped", localAddress.address(),
          a.remoteAddress, m == null ? "null" : m.getClass().getName());
      return;
    }
    if (!inboundSystemMessageAllowed((SystemMessage) m, a)) return;
    recipient.sendSystemMessage((SystemMessage) m);
  }

  /**
   * Untrusted mode for user messages from the peer; true to deliver. Refused: actor selections except those anchored
   * at the root to one of trusted-selection-paths carrying a message that is not PossiblyHarmful, PossiblyHarmful
   * messages (PoisonPill, Kill, Terminated, user classes) and remote deployment requests. Local senders never pass here.
   */
  boolean inboundAllowed(InternalActorRef recipient, Object msg, ActorRef sender, Association a) {
    if (!settings.untrustedMode()) return true;
    if (msg instanceof ActorSelectionMessage) {
      ActorSelectionMessage sel = (ActorSelectionMessage) msg;
      String path = selectionPath(sel);
      Object inner = sel.message();
      if (!trustedSelectionPaths.contains(path)) {
        return untrusted(a, "an actor selection to [" + path + "] (not in trusted-selection-paths) of a [" + typeName(inner) + "]");
      }
      if (inner instanceof io.troupe.actor.PossiblyHarmful || inner instanceof ActorSelectionMessage || isDaemonMessage(inner)) {
        return untrusted(a, "a PossiblyHarmful [" + typeName(inner) + "] sent by actor selection to [" + path + "]");
      }
      if (recipient != provider.rootGuardian()) {
        return untrusted(a, "an actor selection to [" + path + "] anchored at [" + recipient.path() + "], not the root");
      }
      return true;
    }
    if (msg instanceof io.troupe.actor.PossiblyHarmful) {
      return untrusted(a, "a PossiblyHarmful [" + typeName(msg) + "] to [" + recipient.path() + "]");
    }
    if (isDaemonMessage(msg)) {
      return untrusted(a, "a remote deployment request to [" + recipient.path() + "]");
    }
    return true;
  }

  /** Untrusted mode refuses every system message from remote peers (remote watch, deployment supervision). */
  boolean inboundSystemMessageAllowed(SystemMessage m, Association a) {
    if (!settings.untrustedMode()) return true;
    return untrusted(a, "a system message [" + typeName(m) + "] (remote watch and deployment are refused)");
  }

  private boolean untrusted(Association a, String what) {
    counters.increment(Counter.DROPPED_UNTRUSTED);
    if (LOG.isDebugEnabled()) {
      LOG.debug(io.troupe.event.LogMarkers.SECURITY, "[{}] untrusted mode: dropping {} from [{}]", localAddress.address(), what,
          a.remoteAddress);
    }
    return false;
  }

  private static String selectionPath(ActorSelectionMessage sel) {
    StringBuilder b = new StringBuilder();
    for (SelectionPathElement e : sel.elements()) b.append('/').append(e);
    return b.length() == 0 ? "/" : b.toString();
  }

  private static String typeName(Object m) {
    return m == null ? "null" : m.getClass().getName();
  }

  // ------------------------------------------------------------------ quarantine

  public boolean isQuarantined(long peerUid) {
    // every message asks: no boxing of the UID while nothing is quarantined
    return !quarantined.isEmpty() && quarantined.containsKey(peerUid);
  }

  UniqueAddress quarantinedAddress(long peerUid) {
    return quarantined.get(peerUid);
  }

  /**
   * Quarantines one incarnation of a peer for good: its queued and pending messages are dropped, and, unless
   * {@code harmless} (a graceful shutdown), the peer is told with a {@code Quarantined} control message.
   */
  public void quarantine(UniqueAddress peer, String reason, boolean harmless) {
    if (peer.uid() == 0) {
      LOG.warn("[{}] cannot quarantine [{}] before its UID is known ({})", localAddress.address(), peer.address(), reason);
      return;
    }
    if (quarantined.putIfAbsent(peer.uid(), peer) != null) return;
    counters.increment(Counter.QUARANTINES);
    if (harmless) {
      publish(new GracefulShutdownQuarantinedEvent(peer, reason));
    } else {
      publish(new QuarantinedEvent(peer, reason));
    }
    Association a = associations.get(peer.address());
    if (a != null) {
      a.loop.execute(() -> a.onQuarantined(peer, harmless));
      if (!harmless) a.sendUrgent(new ControlMessage.Quarantined(localAddress, peer), "", "");
    }
    for (Consumer<UniqueAddress> l : quarantineListeners) {
      try {
        l.accept(peer);
      } catch (RuntimeException e) {
        LOG.error("quarantine listener failed", e);
      }
    }
  }

  /** The peer at {@code address} never answered and is given up: stop retrying it (see Association#abandonUnreachable). */
  public void abandonUnreachable(Address address) {
    Association a = associations.get(address);
    if (a != null && a.peer() == null) a.loop.execute(a::abandonUnreachable);
  }

  void quarantineLater(Association a, String reason) {
    UniqueAddress p = a.peer();
    if (p != null) quarantine(p, reason, false);
  }

  private final ConcurrentHashMap<Long, Long> lastNotice = new ConcurrentHashMap<>();

  /** Tells a quarantined peer (again) that it is quarantined, at most once a second per incarnation. */
  void sendQuarantinedNotice(Association a, UniqueAddress peer) {
    if (peer == null) return;
    long now = transport.nanoTime();
    Long last = lastNotice.get(peer.uid());
    if (last != null && now - last < 1_000_000_000L) return;
    lastNotice.put(peer.uid(), now);
    a.sendUrgent(new ControlMessage.Quarantined(localAddress, peer), "", "");
  }

  /** A system message for a quarantined peer: a watch is answered locally (the watchee is as good as dead). */
  void systemMessageToQuarantined(SystemMessage m, RemoteActorRef recipient) {
    if (m instanceof SystemMessage.Watch) {
      SystemMessage.Watch w = (SystemMessage.Watch) m;
      if (w.watcher() instanceof InternalActorRef && ((InternalActorRef) w.watcher()).isLocal()) {
        ((InternalActorRef) w.watcher()).sendSystemMessage(new SystemMessage.DeathWatchNotification(w.watchee(), true, true));
      }
    }
  }

  // ------------------------------------------------------------------ events

  /** The flight recorder (JFR events, or nothing). */
  public io.troupe.remote.observe.RemotingFlightRecorder recorder() { return recorder; }

  public void publish(RemotingLifecycleEvent e) {
    recorder.lifecycle(e);
    try {
      system.eventStream().publish(e);
    } catch (RuntimeException ex) {
      LOG.debug("could not publish {}", e, ex);
    }
    if (settings.logRemoteLifecycleEvents()) {
      switch (e.logLevel()) {
        case ERROR: LOG.error("{}", e); break;
        case WARN: LOG.warn("{}", e); break;
        case INFO: LOG.info("{}", e); break;
        default: LOG.debug("{}", e);
      }
    }
  }
}

package io.troupe.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code troupe.remote} configuration, read and checked once when the system starts. Nested records mirror the
 * config blocks ({@code Canonical} for {@code troupe.remote.artery.canonical}).
 */
public final class RemoteSettings {
  public enum TransportKind { TCP, TLS_TCP, AERON_UDP }

  public record Canonical(String hostname, int port) {}

  public record Bind(String hostname, int port, Duration bindTimeout) {}

  public record Advanced(int maximumFrameSize, int maximumLargeFrameSize, int inboundLanes, int outboundLanes,
                         int outboundMessageQueueSize, int outboundControlQueueSize, int outboundLargeMessageQueueSize,
                         int systemMessageBufferSize, Duration systemMessageResendInterval,
                         Duration giveUpSystemMessageAfter, Duration handshakeTimeout, Duration handshakeRetryInterval,
                         Duration injectHandshakeInterval, Duration stopIdleOutboundAfter,
                         Duration quarantineIdleOutboundAfter, Duration stopQuarantinedAfterIdle,
                         Duration removeQuarantinedAssociationAfter, Duration shutdownFlushTimeout,
                         Duration outboundRestartBackoff, Duration connectionTimeout, String outboundClientHostname,
                         boolean tcpDirectWrites, int compressionActorRefsMax, Duration actorRefsAdvertisementInterval,
                         int compressionManifestsMax, Duration manifestsAdvertisementInterval,
                         String transportFactory) {}

  private final Config config;
  private final String protocol;
  private final List<String> acceptProtocolNames;
  private final boolean logRemoteLifecycleEvents;
  private final Duration retryGateClosedFor;
  private final TransportKind transport;
  private final Canonical canonical;
  private final Bind bind;
  private final List<String> largeMessageDestinations;
  private final boolean untrustedMode;
  private final List<String> trustedSelectionPaths;
  private final boolean logReceivedMessages;
  private final boolean logSentMessages;
  private final long logFrameSizeExceeding;
  private final Advanced advanced;
  private final boolean flightRecorderEnabled;

  public RemoteSettings(Config root) {
    try {
      this.config = root;
      Config r = root.getConfig("troupe.remote");
      Config a = r.getConfig("artery");
      this.protocol = r.getString("protocol-name");
      this.acceptProtocolNames = List.copyOf(r.getStringList("accept-protocol-names"));
      this.logRemoteLifecycleEvents = r.getBoolean("log-remote-lifecycle-events");
      this.retryGateClosedFor = positiveOrZero(r, "retry-gate-closed-for", "troupe.remote.retry-gate-closed-for");
      String t = a.getString("transport").toLowerCase(Locale.ROOT);
      switch (t) {
        case "tcp": transport = TransportKind.TCP; break;
        case "tls-tcp": transport = TransportKind.TLS_TCP; break;
        case "aeron-udp": transport = TransportKind.AERON_UDP; break;
        default:
          throw new ConfigurationException("troupe.remote.artery.transport = " + t + " is not a transport (expected tcp, tls-tcp or aeron-udp)");
      }
      String host = resolveHost(a.getString("canonical.hostname"), "troupe.remote.artery.canonical.hostname");
      int port = port(a, "canonical.port");
      this.canonical = new Canonical(host, port);
      String bindHost = a.getString("bind.hostname");
      String bindPortRaw = a.getValue("bind.port").unwrapped().toString();
      int bindPort = bindPortRaw.isEmpty() ? port : parsePort(bindPortRaw, "troupe.remote.artery.bind.port");
      this.bind = new Bind(bindHost.isEmpty() ? host : resolveHost(bindHost, "troupe.remote.artery.bind.hostname"), bindPort,
          a.getDuration("bind.bind-timeout"));
      this.largeMessageDestinations = List.copyOf(a.getStringList("large-message-destinations"));
      for (String d : largeMessageDestinations) {
        if (!d.startsWith("/")) {
          throw new ConfigurationException("troupe.remote.artery.large-message-destinations: [" + d + "] must be an actor path starting with /");
        }
      }
      this.untrustedMode = a.getBoolean("untrusted-mode");
      this.trustedSelectionPaths = List.copyOf(a.getStringList("trusted-selection-paths"));
      this.logReceivedMessages = a.getBoolean("log-received-messages");
      this.logSentMessages = a.getBoolean("log-sent-messages");
      this.logFrameSizeExceeding = sizeOrOff(a, "log-frame-size-exceeding");
      this.flightRecorderEnabled = root.getBoolean("troupe.java-flight-recorder.enabled");
      Config ad = a.getConfig("advanced");
      int maxFrame = bytes(ad, "maximum-frame-size", 32 * 1024);
      int maxLarge = bytes(ad, "maximum-large-frame-size", 32 * 1024);
      this.advanced = new Advanced(maxFrame, maxLarge,
          ad.getInt("inbound-lanes"), ad.getInt("outbound-lanes"),
          atLeast(ad, "outbound-message-queue-size", 1), atLeast(ad, "outbound-control-queue-size", 1),
          atLeast(ad, "outbound-large-message-queue-size", 1), atLeast(ad, "system-message-buffer-size", 1),
          positive(ad, "system-message-resend-interval"), positive(ad, "give-up-system-message-after"),
          positive(ad, "handshake-timeout"), positive(ad, "handshake-retry-interval"),
          positive(ad, "inject-handshake-interval"), positive(ad, "stop-idle-outbound-after"),
          positive(ad, "quarantine-idle-outbound-after"), positive(ad, "stop-quarantined-after-idle"),
          positive(ad, "remove-quarantined-association-after"), positive(ad, "shutdown-flush-timeout"),
          positive(ad, "outbound-restart-backoff"), positive(ad, "tcp.connection-timeout"),
          ad.getString("tcp.outbound-client-hostname"), ad.getBoolean("tcp.direct-writes"),
          offOrInt(ad, "compression.actor-refs.max"), positive(ad, "compression.actor-refs.advertisement-interval"),
          offOrInt(ad, "compression.manifests.max"), positive(ad, "compression.manifests.advertisement-interval"),
          className(ad, "transport-factory"));
      if (advanced.handshakeTimeout().compareTo(advanced.handshakeRetryInterval()) <= 0) {
        throw new ConfigurationException("troupe.remote.artery.advanced.handshake-timeout = " + advanced.handshakeTimeout()
            + " must be longer than handshake-retry-interval = " + advanced.handshakeRetryInterval());
      }
    } catch (ConfigException e) {
      throw new ConfigurationException("Invalid remoting configuration: " + e.getMessage(), e);
    }
  }

  private static String resolveHost(String h, String key) {
    try {
      if ("<getHostAddress>".equals(h)) return InetAddress.getLocalHost().getHostAddress();
      if ("<getHostName>".equals(h)) return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new ConfigurationException(key + " = " + h + ": this host's address cannot be determined: " + e.getMessage(), e);
    }
    if (h.isEmpty()) throw new ConfigurationException(key + " must not be empty (set an IP or host name, e.g. 127.0.0.1)");
    return h;
  }

  private static int port(Config c, String path) {
    return parsePort(c.getValue(path).unwrapped().toString(), "troupe.remote.artery." + path);
  }

  private static int parsePort(String raw, String key) {
    int p;
    try {
      p = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(key + " = " + raw + " is not a port number (expected 0..65535)");
    }
    if (p < 0 || p > 65535) throw new ConfigurationException(key + " = " + p + " is out of range (expected 0..65535)");
    return p;
  }

  private static int bytes(Config c, String path, int min) {
    long v = c.getBytes(path);
    if (v < min || v > Integer.MAX_VALUE / 2) {
      throw new ConfigurationException("troupe.remote.artery.advanced." + path + " = " + v + " bytes is out of range (expected "
          + min + " .. " + Integer.MAX_VALUE / 2 + ")");
    }
    return (int) v;
  }

  private static int atLeast(Config c, String path, int min) {
    int v = c.getInt(path);
    if (v < min) throw new ConfigurationException("troupe.remote.artery.advanced." + path + " = " + v + " is out of range (expected at least " + min + ")");
    return v;
  }

  private static Duration positive(Config c, String path) {
    Duration d = c.getDuration(path);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigurationException("troupe.remote.artery.advanced." + path + " = " + d + " must be positive");
    }
    return d;
  }

  private static Duration positiveOrZero(Config c, String path, String key) {
    Duration d = c.getDuration(path);
    if (d.isNegative()) throw new ConfigurationException(key + " = " + d + " must not be negative");
    return d;
  }

  /** Empty, or a binary class name. */
  private static String className(Config c, String path) {
    String v = c.getString(path).trim();
    if (!v.isEmpty()) {
      for (String part : v.split("\\.", -1)) {
        boolean ok = !part.isEmpty() && Character.isJavaIdentifierStart(part.charAt(0));
        for (int i = 1; ok && i < part.length(); i++) ok = Character.isJavaIdentifierPart(part.charAt(i));
        if (!ok) {
          throw new ConfigurationException("troupe.remote.artery.advanced." + path + " = " + v
              + " is not a class name (expected empty for tcp, or e.g. com.example.MyTransportFactory)");
        }
      }
    }
    return v;
  }

  private static int offOrInt(Config c, String path) {
    String raw = c.getValue(path).unwrapped().toString().toLowerCase(Locale.ROOT);
    if (raw.equals("off") || raw.equals("false")) return 0;
    return c.getInt(path);
  }

  private static long sizeOrOff(Config c, String path) {
    String raw = c.getValue(path).unwrapped().toString().toLowerCase(Locale.ROOT);
    if (raw.equals("off") || raw.equals("false")) return -1;
    return c.getBytes(path);
  }

  public Config config() { return config; }
  public String protocol() { return protocol; }
  public List<String> acceptProtocolNames() { return acceptProtocolNames; }
  public boolean logRemoteLifecycleEvents() { return logRemoteLifecycleEvents; }
  public Duration retryGateClosedFor() { return retryGateClosedFor; }
  public TransportKind transport() { return transport; }
  public Canonical canonical() { return canonical; }
  public Bind bind() { return bind; }
  public List<String> largeMessageDestinations() { return largeMessageDestinations; }
  public boolean untrustedMode() { return untrustedMode; }
  public List<String> trustedSelectionPaths() { return trustedSelectionPaths; }
  public boolean logReceivedMessages() { return logReceivedMessages; }
  public boolean logSentMessages() { return logSentMessages; }
  /** -1 when off. */
  public long logFrameSizeExceeding() { return logFrameSizeExceeding; }
  public Advanced advanced() { return advanced; }
  /** {@code troupe.java-flight-recorder.enabled}: remoting emits JDK Flight Recorder events. */
  public boolean flightRecorderEnabled() { return flightRecorderEnabled; }

  /** True when {@code protocol} may appear in remote addresses this node talks to. */
  public boolean accepts(String p) {
    return p.equals(protocol) || acceptProtocolNames.contains(p);
  }
}

package io.troupe.actor;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The address of an actor system: a protocol, the system name and, for systems reachable over the network, a host and
 * a port. {@code troupe://sys} is a local address, {@code troupe://sys@host:2552} a global one.
 */
public final class Address implements Serializable, Comparable<Address> {
  private static final long serialVersionUID = 1L;

  private final String protocol;
  private final String system;
  private final String host;
  private final int port; // -1 when absent
  private transient String toStringCache;

  public Address(String protocol, String system) {
    this(protocol, system, null, -1);
  }

  public Address(String protocol, String system, String host, int port) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.system = Objects.requireNonNull(system, "system");
    this.host = host;
    this.port = host == null ? -1 : port;
    if (host != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("port [" + port + "] of address is out of range (expected 0..65535)");
    }
  }

  public String protocol() { return protocol; }
  public String system() { return system; }
  public Optional<String> getHost() { return Optional.ofNullable(host); }
  public Optional<Integer> getPort() { return port < 0 ? Optional.empty() : Optional.of(port); }
  /** Scala-compatible accessors for code that reads Pekko's {@code host()}/{@code port()} options. */
  public Optional<String> host() { return getHost(); }
  public Optional<Integer> port() { return getPort(); }

  /** True for an address without host and port: it only makes sense inside its own actor system. */
  public boolean hasLocalScope() { return host == null; }
  /** True for an address with host and port, reachable from other systems. */
  public boolean hasGlobalScope() { return host != null; }

  /** {@code system@host:port}, or {@code system} for a local address. */
  public String hostPort() {
    return host == null ? system : system + "@" + host + ":" + port;
  }

  @Override
  public String toString() {
    String s = toStringCache;
    if (s == null) {
      s = protocol + "://" + hostPort();
      toStringCache = s;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Address)) return false;
    Address a = (Address) o;
    return port == a.port && protocol.equals(a.protocol) && system.equals(a.system) && Objects.equals(host, a.host);
  }

  @Override
  public int hashCode() {
    int h = protocol.hashCode();
    h = 31 * h + system.hashCode();
    h = 31 * h + (host == null ? 0 : host.hashCode());
    return 31 * h + port;
  }

  @Override
  public int compareTo(Address o) {
    int c = protocol.compareTo(o.protocol);
    if (c != 0) return c;
    c = system.compareTo(o.system);
    if (c != 0) return c;
    c = Objects.compare(host, o.host, (x, y) -> x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y));
    if (c != 0) return c;
    return Integer.compare(port, o.port);
  }
}

package io.troupe.actor;

import java.net.URI;
import java.net.URISyntaxException;

/** Parses {@code protocol://system[@host:port]} into an {@link Address}. */
public final class AddressFromURIString {
  private AddressFromURIString() {}

  /** @throws IllegalArgumentException naming the input and what is wrong with it */
  public static Address parse(String addr) {
    if (addr == null) throw new IllegalArgumentException("address URI must not be null");
    final URI uri;
    try {
      uri = new URI(addr);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Malformed address URI [" + addr + "]: " + e.getMessage(), e);
    }
    Address a = fromUri(uri);
    if (a == null) {
      throw new IllegalArgumentException("Malformed address URI [" + addr
          + "]: expected protocol://system or protocol://system@host:port (e.g. troupe://sys@127.0.0.1:25520)");
    }
    return a;
  }

  /** The address part of a URI, or null when it has none. */
  static Address fromUri(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null) return null;
    String userInfo = uri.getUserInfo();
    if (userInfo == null) {
      String system = uri.getHost();
      if (system == null) {
        // java.net.URI refuses host names with '_' etc.; fall back to the raw authority
        system = uri.getRawAuthority();
      }
      if (system == null || system.isEmpty() || uri.getPort() != -1 || system.contains(":") || system.contains("@")) return null;
      return new Address(scheme, system);
    }
    String host = uri.getHost();
    int port = uri.getPort();
    if (host == null || port == -1 || userInfo.isEmpty()) return null;
    // an IPv6 host keeps its brackets (as in Pekko), so that toString() renders a URI that parses again
    return new Address(scheme, userInfo, host, port);
  }

  /** Splits an actor path URI into its address and the path elements after it. */
  public static Address addressOf(String uri) {
    return parse(uri);
  }
}

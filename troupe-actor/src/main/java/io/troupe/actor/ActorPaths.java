package io.troupe.actor;

import java.net.URI;
import java.net.URISyntaxException;

/** Parses actor path strings such as {@code troupe://sys@host:25520/user/a#42}. */
public final class ActorPaths {
  private ActorPaths() {}

  /** @throws IllegalArgumentException (a {@link java.net.MalformedURLException} is not thrown in Java code) naming the input */
  public static ActorPath fromString(String path) {
    ActorPath p = parse(path);
    if (p == null) {
      throw new IllegalArgumentException("Malformed actor path [" + path
          + "]: expected protocol://system[@host:port]/path[#uid], e.g. troupe://sys@127.0.0.1:25520/user/a");
    }
    return p;
  }

  /** The path, or null when the string is not an absolute actor path. */
  public static ActorPath parse(String path) {
    if (path == null) return null;
    final URI uri;
    try {
      uri = new URI(path);
    } catch (URISyntaxException e) {
      return null;
    }
    Address a = AddressFromURIString.fromUri(uri);
    if (a == null) return null;
    String raw = uri.getRawPath();
    if (raw == null) return null;
    if (raw.isEmpty()) raw = "/";
    if (raw.charAt(0) != '/') return null;
    ActorPath p = new RootActorPath(a);
    for (String el : ActorPath.split(raw)) p = p.child(el);
    String frag = uri.getRawFragment();
    if (frag != null && !(p instanceof RootActorPath)) {
      try {
        p = p.withUid(Integer.parseInt(frag));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return p;
  }
}

package io.troupe.actor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The logical location of an actor: the address of its system and the names from the root guardian down. Two paths are
 * equal when address and names are equal; the {@link #uid()} (which incarnation) does not take part.
 */
public abstract class ActorPath implements Comparable<ActorPath>, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Characters allowed in a path element besides ASCII letters and digits. */
  public static final String VALID_SYMBOLS = "-_.*$+:@&=,!~';";

  /** The actor's uid when none is known: such a path matches every incarnation. */
  public static final int UNDEFINED_UID = 0;

  ActorPath() {}

  public abstract Address address();

  /** The last element; "/" for the root. */
  public abstract String name();

  /** The path of the parent; the root is its own parent. */
  public abstract ActorPath parent();

  public abstract RootActorPath root();

  /** The incarnation of the actor at this path, {@link #UNDEFINED_UID} when unknown. */
  public abstract int uid();

  /** The same path carrying another uid. */
  public abstract ActorPath withUid(int uid);

  /** The number of elements below the root. */
  public abstract int depth();

  public ActorPath child(String childName) {
    int hash = childName.indexOf('#');
    if (hash < 0) return new ChildActorPath(this, childName, UNDEFINED_UID);
    return new ChildActorPath(this, childName.substring(0, hash), Integer.parseInt(childName.substring(hash + 1)));
  }

  /** Pekko's {@code /} operator. */
  public ActorPath $div(String childName) { return child(childName); }

  public ActorPath descendant(Iterable<String> names) {
    ActorPath p = this;
    for (String n : names) {
      if (!n.isEmpty()) p = p.child(n);
    }
    return p;
  }

  /** The names below the root, top-down. */
  public List<String> elements() {
    int d = depth();
    if (d == 0) return Collections.emptyList();
    String[] names = new String[d];
    ActorPath p = this;
    for (int i = d - 1; i >= 0; i--) {
      names[i] = p.name();
      p = p.parent();
    }
    return Collections.unmodifiableList(java.util.Arrays.asList(names));
  }

  /** Java-friendly alias of {@link #elements()}. */
  public Iterable<String> getElements() { return elements(); }

  /** {@code /user/a/b}, without address or uid. */
  public String toStringWithoutAddress() {
    if (depth() == 0) return "/";
    StringBuilder sb = new StringBuilder(64);
    appendElements(sb);
    return sb.toString();
  }

  /** The full path with the given address in place of a local one. */
  public String toStringWithAddress(Address addr) {
    Address a = address().hasGlobalScope() ? address() : addr;
    StringBuilder sb = new StringBuilder(64).append(a);
    if (depth() == 0) sb.append('/');
    else appendElements(sb);
    return sb.toString();
  }

  /** The form used on the wire and in configuration: the full path and {@code #uid} when the uid is known. */
  public String toSerializationFormat() {
    return computeSerializationFormat(address());
  }

  public String toSerializationFormatWithAddress(Address addr) {
    if (address().hasGlobalScope() || address().equals(addr)) return toSerializationFormat();
    return computeSerializationFormat(addr);
  }

  /** The serialization format built from scratch; subclasses may cache {@link #toSerializationFormat()}. */
  String computeSerializationFormat(Address addr) {
    String s = toStringWithAddress(addr);
    int u = uid();
    return u == UNDEFINED_UID ? s : s + "#" + u;
  }

  void appendElements(StringBuilder sb) {
    List<String> el = elements();
    for (String e : el) sb.append('/').append(e);
  }

  @Override
  public String toString() {
    return toStringWithAddress(address());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ActorPath)) return false;
    ActorPath a = this, b = (ActorPath) o;
    if (a.depth() != b.depth()) return false;
    while (true) {
      if (a == b) return true;
      if (a instanceof RootActorPath) return b instanceof RootActorPath && a.address().equals(b.address());
      if (!a.name().equals(b.name())) return false;
      a = a.parent();
      b = b.parent();
    }
  }

  @Override
  public abstract int hashCode();

  @Override
  public int compareTo(ActorPath o) {
    int c = address().compareTo(o.address());
    if (c != 0) return c;
    List<String> x = elements(), y = o.elements();
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      c = x.get(i).compareTo(y.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(x.size(), y.size());
  }

  /**
   * Checks a name given by a user: not empty, not starting with {@code $} (reserved for generated names), only ASCII
   * letters, digits, {@value #VALID_SYMBOLS} and %-escapes.
   *
   * @throws InvalidActorNameException saying what is wrong
   */
  public static void validatePathElement(String element) {
    if (element == null) throw new InvalidActorNameException("actor name must not be null");
    if (element.isEmpty()) throw new InvalidActorNameException("actor name must not be empty");
    if (element.charAt(0) == '$') {
      throw new InvalidActorNameException("Invalid actor name [" + element
          + "]: names starting with '$' are reserved for names generated by the system");
    }
    int bad = findInvalidChar(element);
    if (bad >= 0) {
      throw new InvalidActorNameException("Invalid actor name [" + element + "]: illegal character ["
          + element.charAt(bad) + "] at position " + bad + ". Actor names may contain ASCII letters, digits, "
          + "%-escapes and these symbols: " + VALID_SYMBOLS);
    }
  }

  /** Index of the first character not allowed in a path element, or -1. */
  public static int findInvalidChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || VALID_SYMBOLS.indexOf(c) >= 0;
      if (!ok && c == '%' && i + 2 < s.length() + 0 && isHex(s, i + 1) && isHex(s, i + 2)) {
        i += 2;
        continue;
      }
      if (!ok) return i;
    }
    return -1;
  }

  private static boolean isHex(String s, int i) {
    if (i >= s.length()) return false;
    char c = s.charAt(i);
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** True for a name that {@link #validatePathElement} accepts. */
  public static boolean isValidPathElement(String s) {
    return s != null && !s.isEmpty() && s.charAt(0) != '$' && findInvalidChar(s) < 0;
  }

  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      if (!s.isEmpty()) out.add(s);
    }
    return out;
  }
}

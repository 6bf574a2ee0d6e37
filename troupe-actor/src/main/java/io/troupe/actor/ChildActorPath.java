package io.troupe.actor;

/** A path below the root: a parent path, a name and the uid of the incarnation (0 when unknown). */
public final class ChildActorPath extends ActorPath {
  private static final long serialVersionUID = 1L;
  private final ActorPath parent;
  private final String name;
  private final int uid;
  private final int depth;
  private transient int hash;
  /** Cached {@link #toSerializationFormat()}: remoting writes it into every frame a local actor sends. */
  private transient String serializationFormat;

  public ChildActorPath(ActorPath parent, String name, int uid) {
    if (name.indexOf('/') >= 0) throw new IllegalArgumentException("/ is a path separator and is not legal in ActorPath names: [" + name + "]");
    if (name.indexOf('#') >= 0) throw new IllegalArgumentException("# is a fragment separator and is not legal in ActorPath names: [" + name + "]");
    this.parent = parent;
    this.name = name;
    this.uid = uid;
    this.depth = parent.depth() + 1;
  }

  @Override public Address address() { return root().address(); }
  @Override public String name() { return name; }
  @Override public ActorPath parent() { return parent; }
  @Override public int uid() { return uid; }
  @Override public int depth() { return depth; }

  @Override
  public RootActorPath root() {
    ActorPath p = parent;
    while (!(p instanceof RootActorPath)) p = p.parent();
    return (RootActorPath) p;
  }

  @Override
  public String toSerializationFormat() {
    String s = serializationFormat;
    if (s == null) {
      s = computeSerializationFormat(address());
      serializationFormat = s; // immutable value: a racy publication only recomputes it
    }
    return s;
  }

  @Override
  public ActorPath withUid(int newUid) {
    return newUid == uid ? this : new ChildActorPath(parent, name, newUid);
  }

  @Override
  void appendElements(StringBuilder sb) {
    if (parent instanceof ChildActorPath) ((ChildActorPath) parent).appendElements(sb);
    sb.append('/').append(name);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * parent.hashCode() + name.hashCode();
      hash = h;
    }
    return h;
  }
}

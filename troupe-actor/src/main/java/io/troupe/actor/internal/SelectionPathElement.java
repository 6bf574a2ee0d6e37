package io.troupe.actor.internal;

import java.util.regex.Pattern;

/** One step of an actor selection: a child name, a glob pattern over child names, or the parent. Internal API. */
public abstract class SelectionPathElement implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  SelectionPathElement() {}

  /** Parses one element of a selection path. */
  public static SelectionPathElement of(String element) {
    if ("..".equals(element)) return SelectParent.INSTANCE;
    if (element.indexOf('*') >= 0 || element.indexOf('?') >= 0) return new SelectChildPattern(element);
    return new SelectChildName(element);
  }

  /** A child by exact name. */
  public static final class SelectChildName extends SelectionPathElement {
    private static final long serialVersionUID = 1L;
    private final String name;

    public SelectChildName(String name) { this.name = name; }

    public String name() { return name; }

    @Override public boolean equals(Object o) { return o instanceof SelectChildName && ((SelectChildName) o).name.equals(name); }
    @Override public int hashCode() { return name.hashCode(); }
    @Override public String toString() { return name; }
  }

  /** Children whose names match a glob ({@code *} any run of characters, {@code ?} one character). */
  public static final class SelectChildPattern extends SelectionPathElement {
    private static final long serialVersionUID = 1L;
    private final String patternStr;
    private final transient Pattern pattern;

    public SelectChildPattern(String patternStr) {
      this.patternStr = patternStr;
      this.pattern = glob(patternStr);
    }

    private static Pattern glob(String g) {
      StringBuilder sb = new StringBuilder();
      StringBuilder lit = new StringBuilder();
      for (char c : g.toCharArray()) {
        if (c == '*' || c == '?') {
          if (lit.length() > 0) {
            sb.append(Pattern.quote(lit.toString()));
            lit.setLength(0);
          }
          sb.append(c == '*' ? ".*" : ".");
        } else {
          lit.append(c);
        }
      }
      if (lit.length() > 0) sb.append(Pattern.quote(lit.toString()));
      return Pattern.compile(sb.toString());
    }

    public String patternStr() { return patternStr; }

    public boolean matches(String name) {
      return (pattern != null ? pattern : glob(patternStr)).matcher(name).matches();
    }

    @Override public boolean equals(Object o) { return o instanceof SelectChildPattern && ((SelectChildPattern) o).patternStr.equals(patternStr); }
    @Override public int hashCode() { return patternStr.hashCode(); }
    @Override public String toString() { return patternStr; }
  }

  /** The parent ({@code ..}). */
  public static final class SelectParent extends SelectionPathElement {
    private static final long serialVersionUID = 1L;
    public static final SelectParent INSTANCE = new SelectParent();

    private SelectParent() {}

    private Object readResolve() { return INSTANCE; }

    @Override public String toString() { return ".."; }
  }
}

package io.troupe.actor;

import java.util.Objects;

/** Replies that say whether an operation succeeded; a {@link Failure} sent to an ask fails its future. */
public final class Status {
  private Status() {}

  public interface StatusMessage {}

  public static final class Success implements StatusMessage, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Object status;

    public Success(Object status) { this.status = status; }

    public Object status() { return status; }

    @Override public boolean equals(Object o) { return o instanceof Success && Objects.equals(status, ((Success) o).status); }
    @Override public int hashCode() { return Objects.hashCode(status); }
    @Override public String toString() { return "Success(" + status + ")"; }
  }

  public static final class Failure implements StatusMessage, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Throwable cause;

    public Failure(Throwable cause) { this.cause = cause; }

    public Throwable cause() { return cause; }

    @Override public boolean equals(Object o) { return o instanceof Failure && Objects.equals(cause, ((Failure) o).cause); }
    @Override public int hashCode() { return Objects.hashCode(cause); }
    @Override public String toString() { return "Failure(" + cause + ")"; }
  }
}

package bench.troupe;

/** The benchmark's control messages; data payloads are plain byte[] (ByteArraySerializer). */
public final class Msgs {
    private Msgs() {}

    /** Marker bound to {@link TroupeControlSerializer} in application.conf. */
    public interface Control {}

    /** Sender to receiver: reset counters, measurement starts with the next data message. */
    public static final class Start implements Control {
        public static final Start INSTANCE = new Start();
        private Start() {}
    }

    public static final class StartAck implements Control {
        public static final StartAck INSTANCE = new StartAck();
        private StartAck() {}
    }

    /** Sender to receiver: the measured data messages have all been sent before this one. */
    public static final class End implements Control {
        public static final End INSTANCE = new End();
        private End() {}
    }

    public static final class EndResult implements Control {
        public final long count;
        public final long bytes;
        public final long firstNanos;
        public final long lastNanos;
        public final long cpuNanos;

        public EndResult(long count, long bytes, long firstNanos, long lastNanos, long cpuNanos) {
            this.cpuNanos = cpuNanos;
            this.count = count;
            this.bytes = bytes;
            this.firstNanos = firstNanos;
            this.lastNanos = lastNanos;
        }
    }

    /** Sent after each burst and echoed by the receiver: flow control for the sender. */
    public static final class Flow implements Control {
        public final int id;
        public final long sentNanos;

        public Flow(int id, long sentNanos) {
            this.id = id;
            this.sentNanos = sentNanos;
        }
    }

    /** Sender to the receiver's control actor: the run is over, exit. */
    public static final class Stop implements Control {
        public static final Stop INSTANCE = new Stop();
        private Stop() {}
    }

    public static final class StopAck implements Control {
        public static final StopAck INSTANCE = new StopAck();
        private StopAck() {}
    }
}

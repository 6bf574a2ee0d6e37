package bench.troupe;

import bench.common.Json;
import bench.common.RateLatency;
import bench.common.Results;
import bench.common.Settings;
import bench.common.Stamp;
import bench.common.Sys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Props;
import io.troupe.pattern.Patterns;

/** The sending side of the contract on Troupe: one scenario per run, one JSON result line. */
public final class TroupeSender {
    private TroupeSender() {}

    private static final Object GO = "go";

    /**
     * One throughput pair: bursts of data messages, each followed by a Flow message that the
     * receiver echoes; at most window/burst bursts unacknowledged. Warmup, then Start, the
     * measured phase, End.
     */
    static final class ThroughputSender extends AbstractActor {
        private static final int WARMUP = 0, STARTING = 1, MEASURE = 2, ENDING = 3;
        private final ActorRef target;
        private final Settings s;
        private final byte[] payload;
        private final CompletableFuture<Results.Pair> done;
        private int phase = WARMUP;
        private int outstanding;
        private int flowId;
        private long sent;
        private long deadline;
        private long measureStart;
        private long maxAckRtt;
        private long cpuAtStart;

        ThroughputSender(ActorRef target, Settings s, CompletableFuture<Results.Pair> done) {
            this.target = target;
            this.s = s;
            this.payload = Stamp.filler(s.size);
            this.done = done;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .matchEquals(GO, m -> {
                        deadline = System.nanoTime() + s.warmupNanos();
                        fill();
                        if (outstanding == 0) begin();
                    })
                    .match(Msgs.Flow.class, this::onFlow)
                    .match(Msgs.StartAck.class, m -> {
                        phase = MEASURE;
                        sent = 0;
                        measureStart = System.nanoTime();
                        cpuAtStart = Sys.processCpuNanos();
                        deadline = measureStart + s.durationNanos();
                        fill();
                        if (outstanding == 0) {
                            phase = ENDING;
                            target.tell(Msgs.End.INSTANCE, getSelf());
                        }
                    })
                    .match(Msgs.EndResult.class, r -> done.complete(new Results.Pair(sent, r.count, r.bytes,
                            r.firstNanos, r.lastNanos, maxAckRtt, System.nanoTime() - measureStart,
                            r.cpuNanos, Sys.processCpuNanos() - cpuAtStart)))
                    .build();
        }

        private boolean canSend() {
            if (phase == WARMUP) return System.nanoTime() < deadline;
            return phase == MEASURE && sent < s.messages && System.nanoTime() < deadline;
        }

        private void fill() {
            while (outstanding < s.burstsInFlight() && canSend()) {
                int n = phase == MEASURE ? (int) Math.min(s.burst, s.messages - sent) : s.burst;
                ActorRef self = getSelf();
                for (int i = 0; i < n; i++) {
                    target.tell(payload, self);
                }
                if (phase == MEASURE) sent += n;
                target.tell(new Msgs.Flow(++flowId, System.nanoTime()), self);
                outstanding++;
            }
        }

        private void begin() {
            phase = STARTING;
            target.tell(Msgs.Start.INSTANCE, getSelf());
        }

        private void onFlow(Msgs.Flow f) {
            outstanding--;
            if (phase == WARMUP) {
                fill();
                if (outstanding == 0) begin();
            } else if (phase == MEASURE) {
                maxAckRtt = Math.max(maxAckRtt, System.nanoTime() - f.sentNanos);
                fill();
                if (!canSend()) {
                    phase = ENDING;
                    target.tell(Msgs.End.INSTANCE, getSelf());
                }
            }
        }
    }

    /** Ping-pong with one message in flight. */
    static final class PingPong extends AbstractActor {
        private final ActorRef target;
        private final Settings s;
        private final byte[] payload;
        private final CompletableFuture<Rtt> done;
        private final Histogram histogram = Results.newHistogram();
        private boolean measuring;
        private long deadline;
        private long sentAt;
        private long measured;
        private long measureStart;

        PingPong(ActorRef target, Settings s, CompletableFuture<Rtt> done) {
            this.target = target;
            this.s = s;
            this.payload = Stamp.filler(s.size);
            this.done = done;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .matchEquals(GO, m -> {
                        deadline = System.nanoTime() + s.warmupNanos();
                        send();
                    })
                    .match(byte[].class, b -> {
                        long now = System.nanoTime();
                        if (measuring) {
                            Results.record(histogram, now - sentAt);
                            if (++measured >= s.messages || now >= deadline) {
                                done.complete(new Rtt(histogram, now - measureStart));
                                return;
                            }
                        } else if (now >= deadline) {
                            measuring = true;
                            measureStart = now;
                            deadline = now + s.durationNanos();
                        }
                        send();
                    })
                    .build();
        }

        private void send() {
            sentAt = System.nanoTime();
            target.tell(payload, getSelf());
        }
    }

    record Rtt(Histogram histogram, long nanos) {}

    /** Records echoes of the fixed-rate scenario. */
    static final class Recorder extends AbstractActor {
        private final RateLatency rl;

        Recorder(RateLatency rl) {
            this.rl = rl;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(byte[].class, b -> rl.onEcho(b, System.nanoTime())).build();
        }
    }

    public static void main(String[] argv) {
        long mainEpochUs = Sys.epochMicros();
        Settings s;
        try {
            s = Settings.parse("troupe", argv);
        } catch (IllegalArgumentException e) {
            Json.event("error").put("impl", "troupe").put("error", e.getMessage()).print();
            System.exit(2);
            return;
        }
        Sys.exitAfter(s.maxSeconds, "sender");
        int rc = 0;
        ActorSystem system = null;
        try {
            long t0 = System.nanoTime();
            system = ActorSystem.create(TroupeConfig.SYSTEM, TroupeConfig.load("127.0.0.1", 0));
            long systemNanos = System.nanoTime() - t0;
            Json result = run(system, s, mainEpochUs, systemNanos);
            result.print();
            if (s.stopReceiver) {
                ActorRef control = TroupeConfig.identify(system, TroupeConfig.path(s.host, s.port, "control"), 10);
                Patterns.ask(control, Msgs.Stop.INSTANCE, Duration.ofSeconds(5))
                        .toCompletableFuture().get(6, TimeUnit.SECONDS);
            }
        } catch (Throwable e) {
            e.printStackTrace();
            Json.event("error").put("impl", "troupe").put("scenario", s.scenario)
                    .put("error", String.valueOf(e)).print();
            rc = 1;
        } finally {
            if (system != null) {
                try {
                    system.terminate();
                    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // exit anyway
                }
            }
        }
        System.exit(rc);
    }

    private static Json run(ActorSystem system, Settings s, long mainEpochUs, long systemNanos) throws Exception {
        long timeout = (long) (s.warmupSeconds + s.durationSeconds) + 60;
        switch (s.scenario) {
            case Settings.COLDSTART: {
                long t0 = System.nanoTime();
                TroupeConfig.identify(system, TroupeConfig.path(s.host, s.port, "control"), 30);
                long replyEpochUs = Sys.epochMicros();
                long lookupNanos = System.nanoTime() - t0;
                return s.resultHead()
                        .put("first_reply_ms", s.millisSinceLaunch(replyEpochUs))
                        .put("launch_to_main_ms", s.millisSinceLaunch(mainEpochUs))
                        .put("system_start_ms", systemNanos / 1e6)
                        .put("lookup_ms", lookupNanos / 1e6)
                        .put("complete", true);
            }
            case Settings.THROUGHPUT: {
                List<CompletableFuture<Results.Pair>> futures = new ArrayList<>();
                List<ActorRef> senders = new ArrayList<>();
                for (int i = 0; i < s.pairs; i++) {
                    ActorRef target = TroupeConfig.identify(system, TroupeConfig.path(s.host, s.port, "rcv-" + i), 30);
                    CompletableFuture<Results.Pair> f = new CompletableFuture<>();
                    futures.add(f);
                    senders.add(system.actorOf(Props.create(ThroughputSender.class,
                            () -> new ThroughputSender(target, s, f)), "snd-" + i));
                }
                for (ActorRef snd : senders) snd.tell(GO, ActorRef.noSender());
                List<Results.Pair> pairs = new ArrayList<>();
                for (CompletableFuture<Results.Pair> f : futures) pairs.add(f.get(timeout, TimeUnit.SECONDS));
                return Results.throughput(s.resultHead(), pairs);
            }
            case Settings.PINGPONG: {
                ActorRef echo = TroupeConfig.identify(system, TroupeConfig.path(s.host, s.port, "echo"), 30);
                CompletableFuture<Rtt> f = new CompletableFuture<>();
                ActorRef pp = system.actorOf(Props.create(PingPong.class, () -> new PingPong(echo, s, f)), "pingpong");
                pp.tell(GO, ActorRef.noSender());
                Rtt r = f.get(timeout, TimeUnit.SECONDS);
                Json j = s.resultHead().put("complete", true);
                j.put("round_trips_per_s", r.histogram().getTotalCount() / Math.max(1e-9, r.nanos() / 1e9));
                return Results.latency(j, "", r.histogram());
            }
            case Settings.RATE: {
                ActorRef echo = TroupeConfig.identify(system, TroupeConfig.path(s.host, s.port, "echo"), 30);
                RateLatency rl = new RateLatency(s);
                ActorRef rec = system.actorOf(Props.create(Recorder.class, () -> new Recorder(rl)), "recorder");
                rl.pace((seq, intended) -> echo.tell(Stamp.stamped(s.size, seq, intended, System.nanoTime()), rec));
                boolean complete = rl.await(30);
                return rl.result(s.resultHead(), complete);
            }
            default:
                throw new IllegalArgumentException(s.scenario);
        }
    }
}

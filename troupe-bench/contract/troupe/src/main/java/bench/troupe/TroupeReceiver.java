package bench.troupe;

import bench.common.Args;
import bench.common.Json;
import bench.common.Sys;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.actor.Props;

/**
 * The receiving side of the contract on Troupe: an actor system named "bench" with
 * /user/rcv-0 .. rcv-(N-1) (throughput sinks), /user/echo and /user/control.
 */
public final class TroupeReceiver {
    private TroupeReceiver() {}

    /** Counts data messages between Start and End and echoes flow-control messages. */
    static final class Sink extends AbstractActor {
        private boolean measuring;
        private long count;
        private long bytes;
        private long firstNanos;
        private long cpuAtStart;

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(byte[].class, this::onData)
                    .match(Msgs.Flow.class, f -> getSender().tell(f, getSelf()))
                    .match(Msgs.Start.class, m -> {
                        measuring = true;
                        count = 0;
                        bytes = 0;
                        cpuAtStart = Sys.processCpuNanos();
                        getSender().tell(Msgs.StartAck.INSTANCE, getSelf());
                    })
                    .match(Msgs.End.class, m -> {
                        long last = System.nanoTime();
                        measuring = false;
                        long cpu = Sys.processCpuNanos() - cpuAtStart;
                        getSender().tell(new Msgs.EndResult(count, bytes, firstNanos, last, cpu), getSelf());
                    })
                    .build();
        }

        private void onData(byte[] data) {
            if (measuring) {
                if (count == 0) firstNanos = System.nanoTime();
                count++;
                bytes += data.length;
            }
        }
    }

    /** Sends every message back to its sender. */
    static final class Echo extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
        }
    }

    /** Answers Identify (built in) for cold start, and Stop: acknowledge, then shut down. */
    static final class Control extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Msgs.Stop.class, m -> {
                        getSender().tell(Msgs.StopAck.INSTANCE, getSelf());
                        ActorSystem system = getContext().getSystem();
                        system.scheduler().scheduleOnce(Duration.ofMillis(200),
                                system::terminate, system.dispatcher());
                    })
                    .build();
        }
    }

    public static void main(String[] argv) throws Exception {
        long startNanos = System.nanoTime();
        Args a = new Args(argv);
        String host = a.str("host", "127.0.0.1");
        int port = a.integer("port", 0);
        int receivers = a.integer("receivers", 8);
        long maxSeconds = a.lng("max-seconds", 300);
        a.warnUnused();
        Sys.exitAfter(maxSeconds, "receiver");

        ActorSystem system = ActorSystem.create(TroupeConfig.SYSTEM, TroupeConfig.load(host, port));
        for (int i = 0; i < receivers; i++) {
            system.actorOf(Props.create(Sink.class, Sink::new), "rcv-" + i);
        }
        system.actorOf(Props.create(Echo.class, Echo::new), "echo");
        system.actorOf(Props.create(Control.class, Control::new), "control");
        Address addr = ((ExtendedActorSystem) system).provider().getDefaultAddress();
        int bound = addr.getPort().orElse(port);
        Json.event("ready").put("impl", "troupe").put("role", "receiver")
                .put("host", host).put("port", bound).put("pid", ProcessHandle.current().pid())
                .put("startup_ms", (System.nanoTime() - startNanos) / 1e6)
                .put("rss_kb", Sys.rssKb()).print();

        system.getWhenTerminated().toCompletableFuture().get(maxSeconds, TimeUnit.SECONDS);
        Json.event("exit").put("impl", "troupe").put("role", "receiver")
                .put("peak_rss_kb", Sys.peakRssKb())
                .put("uptime_s", (System.nanoTime() - startNanos) / 1e9).print();
        System.exit(0);
    }
}

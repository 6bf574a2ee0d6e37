package bench.troupe;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import io.troupe.actor.ActorIdentity;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Identify;
import io.troupe.pattern.Patterns;

/** Config loading and lookups shared by the Troupe receiver and sender. */
final class TroupeConfig {
    static final String SYSTEM = "bench";
    /** The protocol of this node's addresses (troupe.remote.protocol-name, "troupe" by default); set by load. */
    private static volatile String protocol = "troupe";

    private TroupeConfig() {}

    /**
     * application.conf from the jar, host and port from the command line, and, where the
     * environment variable TROUPE_BENCH_CONFIG names a file, that file on top (for tuning runs).
     */
    static Config load(String host, int port) {
        Config base = ConfigFactory.load();
        String extra = System.getenv("TROUPE_BENCH_CONFIG");
        if (extra != null && !extra.isEmpty()) {
            base = ConfigFactory.parseFile(new File(extra)).withFallback(base).resolve();
        }
        Config config = ConfigFactory.parseString(
                        "troupe.remote.artery.canonical.hostname = \"" + host + "\"\n"
                                + "troupe.remote.artery.canonical.port = " + port)
                .withFallback(base);
        protocol = config.getString("troupe.remote.protocol-name");
        return config;
    }

    static String path(String host, int port, String actor) {
        return protocol + "://" + SYSTEM + "@" + host + ":" + port + "/user/" + actor;
    }

    /** actorSelection + Identify, retried until the actor answers or the deadline passes. */
    static ActorRef identify(ActorSystem system, String path, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                CompletionStage<Object> reply =
                        Patterns.ask(system.actorSelection(path), new Identify(path), Duration.ofSeconds(3));
                Object r = reply.toCompletableFuture().get(4, TimeUnit.SECONDS);
                if (r instanceof ActorIdentity) {
                    java.util.Optional<ActorRef> ref = ((ActorIdentity) r).getActorRef();
                    if (ref.isPresent()) return ref.get();
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no answer from " + path + " within " + timeoutSeconds + " s", last);
    }
}

/**
 * The local actor benchmarks on Troupe: the classes of {@code io.troupe.bench.actor.pekko} with their imports changed
 * from {@code org.apache.pekko} to {@code io.troupe} and the configuration root from {@code pekko} to {@code troupe},
 * and nothing else, which is itself a check that the Troupe API is source compatible.
 */
package io.troupe.bench.actor.troupe;

/**
 * The serialization benchmarks on Troupe: the classes of {@code io.troupe.bench.serialization.pekko} with their imports
 * changed from {@code org.apache.pekko} to {@code io.troupe} and the configuration root from {@code pekko} to
 * {@code troupe}, and nothing else.
 */
package io.troupe.bench.serialization.troupe;

/**
 * The local actor benchmarks written on Apache Pekko's classic Java API: the baseline for the identical classes in
 * {@code io.troupe.bench.actor.troupe}, which differ only in their imports and configuration root.
 */
package io.troupe.bench.actor.pekko;

/**
 * The serialization benchmarks written on Apache Pekko's Java API ({@code org.apache.pekko.serialization}): the baseline
 * for the identical classes in {@code io.troupe.bench.serialization.troupe}.
 */
package io.troupe.bench.serialization.pekko;

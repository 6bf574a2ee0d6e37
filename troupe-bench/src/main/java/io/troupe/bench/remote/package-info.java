/**
 * Benchmarks of Troupe's remoting alone, without a Pekko twin: the Artery codec (Pekko's own codec is internal to
 * Pekko, not an API a twin could call) and the whole remote path between two actor systems in one JVM. Their point is
 * the cost per message on the hot path, above all the bytes allocated per message ({@code -prof gc}); the
 * comparison with Pekko is the remote benchmark contract ({@code contract/troupe}, two processes).
 */
package io.troupe.bench.remote;

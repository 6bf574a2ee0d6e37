/**
 * JMH benchmarks of Troupe, each beside its Apache Pekko twin; the sub-packages mirror the measured code. Not part of the
 * product: nothing here is published.
 */
package io.troupe.bench;

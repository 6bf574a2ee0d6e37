/**
 * Multi-JVM testing: {@link io.troupe.testkit.multijvm.JvmNode} starts a node in its own JVM from the test class
 * path, talks to it over stdin/stdout, and can stop, kill or freeze it; every line it printed is kept for the failure
 * report.
 */
package io.troupe.testkit.multijvm;

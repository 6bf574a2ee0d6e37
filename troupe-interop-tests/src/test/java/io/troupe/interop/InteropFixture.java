package io.troupe.interop;

import io.troupe.testkit.multijvm.JvmNode;
import org.junit.jupiter.api.AfterEach;

/** The nodes of one interop test: a Pekko node, a Troupe node and a child JVM, each optional; all closed after the test. */
abstract class InteropFixture {
  PekkoNode pekko;
  TroupeNode troupe;
  JvmNode child;

  @AfterEach
  void closeNodes() {
    if (child != null) child.close();
    if (troupe != null) troupe.close();
    if (pekko != null) pekko.close();
  }
}

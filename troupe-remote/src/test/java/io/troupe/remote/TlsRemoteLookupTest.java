package io.troupe.remote;

import com.typesafe.config.Config;
import io.troupe.remote.tls.TlsTestConfig;

/** {@link RemoteLookupTest} (selection, Identify, resolveOne, ask) over tls-tcp, with certificates made by the test. */
class TlsRemoteLookupTest extends RemoteLookupTest {
  @Override
  Config nodeConfig() {
    return TlsTestConfig.tls().withFallback(RemoteMessagingTest.config());
  }
}

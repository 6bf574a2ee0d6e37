package io.troupe.remote;

import com.typesafe.config.Config;
import io.troupe.remote.tls.TlsTestConfig;

/** {@link RemoteMessagingTest} over tls-tcp, with certificates made by the test. */
class TlsRemoteMessagingTest extends RemoteMessagingTest {
  @Override
  Config nodeConfig() {
    return TlsTestConfig.tls().withFallback(config());
  }
}

package io.troupe.remote.tls;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** tls-tcp configuration for component tests, on top of a node's plain config. */
public final class TlsTestConfig {
  private TlsTestConfig() {}

  /** tls-tcp with {@code keyStore} (PKCS12, password {@link TestCertificates#PASSWORD}) and {@code trustStore}. */
  public static Config tls(Path keyStore, Path trustStore) {
    return ConfigFactory.parseString("troupe.remote.artery {\n"
        + "  transport = tls-tcp\n"
        + "  ssl.config-ssl-engine {\n"
        + "    key-store = \"" + keyStore + "\"\n"
        + "    trust-store = \"" + trustStore + "\"\n"
        + "    key-store-password = " + TestCertificates.PASSWORD + "\n"
        + "    key-password = " + TestCertificates.PASSWORD + "\n"
        + "    trust-store-password = " + TestCertificates.PASSWORD + "\n"
        + "  }\n"
        + "}\n");
  }

  /** tls-tcp with the CA-signed node certificate, trusting the test CA. */
  public static Config tls() {
    TestCertificates c = TestCertificates.get();
    return tls(c.node, c.trustStore);
  }
}

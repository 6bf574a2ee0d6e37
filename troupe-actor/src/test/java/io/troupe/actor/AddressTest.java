package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address values and AddressFromURIString. */
class AddressTest {

  @Test
  void shouldRenderProtocolSystemHostAndPortWhenGlobal() {
    Address a = new Address("troupe", "sys", "host", 25520);
    assertEquals("troupe://sys@host:25520", a.toString());
    assertEquals("sys@host:25520", a.hostPort());
    assertEquals("troupe", a.protocol());
    assertEquals("sys", a.system());
    assertEquals(Optional.of("host"), a.getHost());
    assertEquals(Optional.of(25520), a.getPort());
    assertTrue(a.hasGlobalScope());
    assertFalse(a.hasLocalScope());
  }

  @Test
  void shouldRenderProtocolAndSystemWhenLocal() {
    Address a = new Address("troupe", "sys");
    assertEquals("troupe://sys", a.toString());
    assertEquals("sys", a.hostPort());
    assertEquals(Optional.empty(), a.getHost());
    assertEquals(Optional.empty(), a.getPort());
    assertTrue(a.hasLocalScope());
  }

  @Test
  void shouldCompareByAllFieldsWhenTestingEquality() {
    Address a = new Address("troupe", "sys", "host", 25520);
    assertEquals(a, new Address("troupe", "sys", "host", 25520));
    assertEquals(a.hashCode(), new Address("troupe", "sys", "host", 25520).hashCode());
    assertNotEquals(a, new Address("pekko", "sys", "host", 25520));
    assertNotEquals(a, new Address("troupe", "other", "host", 25520));
    assertNotEquals(a, new Address("troupe", "sys", "other", 25520));
    assertNotEquals(a, new Address("troupe", "sys", "host", 25521));
    assertNotEquals(a, new Address("troupe", "sys"));
    assertEquals(0, a.compareTo(new Address("troupe", "sys", "host", 25520)));
    assertTrue(a.compareTo(new Address("troupe", "sys", "host", 25521)) < 0);
    assertTrue(new Address("troupe", "sys", "host", 25521).compareTo(a) > 0);
  }

  @Test
  void shouldRejectPortWhenOutOfRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Address("troupe", "sys", "host", 70000));
    assertTrue(e.getMessage().contains("70000"), e.getMessage());
  }

  @Test
  void shouldParseGlobalAddressWhenWellFormed() {
    assertEquals(new Address("troupe", "sys", "host", 25520), AddressFromURIString.parse("troupe://sys@host:25520"));
    assertEquals(new Address("pekko", "my-sys", "127.0.0.1", 7355), AddressFromURIString.parse("pekko://my-sys@127.0.0.1:7355"));
  }

  @Test
  void shouldParseLocalAddressWhenNoHost() {
    assertEquals(new Address("troupe", "sys"), AddressFromURIString.parse("troupe://sys"));
    assertEquals(new Address("troupe", "my_sys"), AddressFromURIString.parse("troupe://my_sys"));
  }

  @Test
  void shouldIgnorePathWhenParsingActorPathUri() {
    assertEquals(new Address("troupe", "sys", "host", 25520), AddressFromURIString.parse("troupe://sys@host:25520/user/a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"troupe://sys@host:25520", "troupe://sys", "troupe://sys@10.0.0.1:1", "troupe://sys@[::1]:25520"})
  void shouldRoundTripWhenRenderedAndParsedAgain(String uri) {
    Address a = AddressFromURIString.parse(uri);
    assertEquals(uri, a.toString());
    assertEquals(a, AddressFromURIString.parse(a.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "sys@host:25520",
      "troupe://sys@host",
      "troupe://sys:25520",
      "troupe://@host:25520",
      "troupe:sys",
      "troupe://",
      "troupe://sys@host:port",
      "troupe://sys@ho st:25520"})
  void shouldRejectAddressWhenMalformed(String input) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressFromURIString.parse(input));
    assertTrue(e.getMessage().contains("[" + input + "]"), e.getMessage());
  }

  @Test
  void shouldRejectAddressWhenNull() {
    assertThrows(IllegalArgumentException.class, () -> AddressFromURIString.parse(null));
  }
}

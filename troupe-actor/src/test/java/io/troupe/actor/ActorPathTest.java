package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ActorPath structure, rendering, equality, ordering and parsing. */
class ActorPathTest {
  private static final Address REMOTE = new Address("troupe", "sys", "host", 25520);
  private static final RootActorPath ROOT = new RootActorPath(REMOTE);

  private static List<String> list(Iterable<String> it) {
    List<String> out = new ArrayList<>();
    it.forEach(out::add);
    return out;
  }

  @Test
  void shouldRenderSerializationFormatWithUidWhenUidKnown() {
    ActorPath a = ROOT.child("user").child("a").withUid(42);
    assertEquals("troupe://sys@host:25520/user/a#42", a.toSerializationFormat());
    assertEquals("troupe://sys@host:25520/user/a", a.toString());
    assertEquals("/user/a", a.toStringWithoutAddress());
  }

  @Test
  void shouldRenderSerializationFormatWithoutUidWhenUidUndefined() {
    ActorPath a = ROOT.child("user").child("a");
    assertEquals(ActorPath.UNDEFINED_UID, a.uid());
    assertEquals("troupe://sys@host:25520/user/a", a.toSerializationFormat());
  }

  @Test
  void shouldExposeStructureWhenBuiltFromRoot() {
    ActorPath user = ROOT.child("user");
    ActorPath a = user.child("a");
    ActorPath b = a.child("b");
    assertEquals(List.of("user", "a", "b"), list(b.elements()));
    assertEquals("b", b.name());
    assertEquals(a, b.parent());
    assertEquals(user, b.parent().parent());
    assertSame(ROOT, b.root());
    assertEquals(REMOTE, b.address());
    assertEquals(3, b.depth());
  }

  @Test
  void shouldBeItsOwnParentWhenRoot() {
    assertSame(ROOT, ROOT.parent());
    assertSame(ROOT, ROOT.root());
    assertEquals("/", ROOT.name());
    assertTrue(list(ROOT.elements()).isEmpty());
    assertEquals("/", ROOT.toStringWithoutAddress());
    assertEquals("troupe://sys@host:25520/", ROOT.toString());
    assertEquals("troupe://sys@host:25520/", ROOT.toSerializationFormat());
  }

  @Test
  void shouldSplitUidWhenChildNameCarriesFragment() {
    ActorPath a = ROOT.child("user").child("a#7");
    assertEquals("a", a.name());
    assertEquals(7, a.uid());
  }

  @Test
  void shouldRejectChildNameWhenItContainsSlash() {
    assertThrows(IllegalArgumentException.class, () -> ROOT.child("user/a"));
  }

  @Test
  void shouldIgnoreUidWhenComparingPathsForEquality() {
    ActorPath withUid = ROOT.child("user").child("a").withUid(42);
    ActorPath other = ROOT.child("user").child("a").withUid(43);
    ActorPath none = ROOT.child("user").child("a");
    assertEquals(withUid, other);
    assertEquals(withUid, none);
    assertEquals(withUid.hashCode(), none.hashCode());
    assertEquals(0, withUid.compareTo(other));
  }

  @Test
  void shouldDifferWhenAddressOrNamesDiffer() {
    ActorPath a = ROOT.child("user").child("a");
    assertNotEquals(a, ROOT.child("user").child("b"));
    assertNotEquals(a, ROOT.child("system").child("a"));
    assertNotEquals(a, new RootActorPath(new Address("troupe", "sys")).child("user").child("a"));
    assertNotEquals(a, new RootActorPath(new Address("troupe", "sys", "host", 25521)).child("user").child("a"));
    assertNotEquals(a, a.parent());
  }

  @Test
  void shouldOrderConsistentlyWithEqualsWhenComparing() {
    ActorPath a = ROOT.child("user").child("a");
    ActorPath b = ROOT.child("user").child("b");
    ActorPath parent = ROOT.child("user");
    ActorPath local = new RootActorPath(new Address("troupe", "sys")).child("user").child("a");
    for (ActorPath[] pair : new ActorPath[][] {{a, b}, {a, parent}, {a, local}, {a, ROOT}}) {
      int c = pair[0].compareTo(pair[1]);
      assertNotEquals(0, c, pair[0] + " vs " + pair[1]);
      assertEquals(-Integer.signum(c), Integer.signum(pair[1].compareTo(pair[0])), pair[0] + " vs " + pair[1]);
    }
    assertTrue(a.compareTo(b) < 0);
    assertEquals(0, a.compareTo(ROOT.child("user").child("a")));
  }

  // ------------------------------------------------------------------ parsing

  @Test
  void shouldRoundTripSerializationFormatWhenParsed() {
    ActorPath p = ActorPaths.fromString("troupe://sys@host:25520/user/a#42");
    assertEquals(REMOTE, p.address());
    assertEquals(List.of("user", "a"), list(p.elements()));
    assertEquals(42, p.uid());
    assertEquals("troupe://sys@host:25520/user/a#42", p.toSerializationFormat());
    assertEquals(ROOT.child("user").child("a"), p);
  }

  @Test
  void shouldParseLocalPathWhenNoHostGiven() {
    ActorPath p = ActorPaths.fromString("troupe://sys/user/a/b");
    assertEquals(new Address("troupe", "sys"), p.address());
    assertEquals(List.of("user", "a", "b"), list(p.elements()));
    assertEquals(ActorPath.UNDEFINED_UID, p.uid());
    assertEquals("troupe://sys/user/a/b", p.toString());
  }

  @Test
  void shouldParseRootWhenPathIsEmpty() {
    ActorPath p = ActorPaths.fromString("troupe://sys@host:25520/");
    assertEquals(ROOT, p);
    assertEquals(0, p.depth());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not a path",
      "/user/a",
      "user/a",
      "troupe://sys@host/user/a",
      "troupe://sys@host:25520/user/a#notanumber",
      "troupe:///user/a",
      ""})
  void shouldRejectPathWhenMalformed(String input) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActorPaths.fromString(input));
    assertTrue(e.getMessage().contains("[" + input + "]"), e.getMessage());
  }

  // ------------------------------------------------------------------ names

  @ParameterizedTest
  @ValueSource(strings = {"a", "A-b_c", "with.dots", "x:y@z", "%20escaped", "a$b"})
  void shouldAcceptElementWhenValid(String name) {
    assertTrue(ActorPath.isValidPathElement(name), name);
    ActorPath.validatePathElement(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"$leading", "has space", "slash/inside", "hash#inside", "ümlaut", "%2", "%zz"})
  void shouldRejectElementWhenInvalid(String name) {
    InvalidActorNameException e = assertThrows(InvalidActorNameException.class, () -> ActorPath.validatePathElement(name));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }
}

package io.troupe.remote.artery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The receiving side's tables and counting (spec 8), without a network: versions, old tables, resends, bounds. */
class InboundCompressionTest {
  private static final long PEER = 42L;

  /** Counts {@code keys} (the first most often) and lets a due advertisement take them. */
  private static InboundCompression.Table advertise(InboundCompression c, HitCounter counter, String... keys) {
    for (int i = 0; i < keys.length; i++) {
      for (int n = 0; n < keys.length - i; n++) counter.hit(keys[i], "value of " + keys[i]);
    }
    assertEquals(InboundCompression.Tick.DUE, c.tick());
    return c.advertiseFrom(counter);
  }

  @Test
  void shouldAdvertiseTheMostCountedKeysMostCountedFirstAndDecodeThemOnceConfirmed() {
    InboundCompression c = new InboundCompression(true, PEER, 2);
    HitCounter counter = c.hits(this);
    assertNull(c.advertiseFrom(counter), "nothing is advertised before the interval elapsed");
    counter.hit("rare", "r");
    for (int i = 0; i < 5; i++) counter.hit("often", "o");
    for (int i = 0; i < 3; i++) counter.hit("sometimes", "s");
    assertEquals(InboundCompression.Tick.DUE, c.tick());
    assertTrue(c.due());
    InboundCompression.Table t = c.advertiseFrom(counter);
    assertNotNull(t);
    assertEquals(1, t.version, "the first table is version 1");
    assertEquals(List.of("often", "sometimes"), List.of(t.keys), "max = 2: the two most counted, most counted first");
    assertEquals("o", t.value(0));
    assertNull(t.value(2), "no index 2");
    assertFalse(c.due());
    assertNull(c.table(0).value(0), "the active table (version 0) is still the empty one");

    assertFalse(c.confirm(2), "an ack of another version does nothing");
    assertTrue(c.confirm(1));
    assertSame(t, c.state().active);
    assertFalse(c.confirm(1), "a second ack of the same version does nothing");
    assertEquals("s", c.table(1).value(1));
  }

  @Test
  void shouldTakeTheFirstFrameUsingTheAdvertisedVersionAsConfirmation() {
    InboundCompression c = new InboundCompression(false, PEER, 8);
    InboundCompression.Table t = advertise(c, c.hits(this), "a", "b");
    assertSame(t, c.state().advertised);
    assertNull(c.table(2), "an unknown version resolves nothing");
    assertSame(t, c.table(1), "the advertised version decodes");
    assertSame(t, c.state().active, "and is active from then on");
    assertNull(c.state().advertised);
  }

  @Test
  void shouldResendThreeTimesOnTheNextTicksThenUseTheTableAnyway() {
    InboundCompression c = new InboundCompression(true, PEER, 8);
    HitCounter counter = c.hits(this);
    InboundCompression.Table t = advertise(c, counter, "a");
    for (int i = 1; i <= InboundCompression.MAX_RESENDS; i++) {
      assertEquals(InboundCompression.Tick.RESEND, c.tick(), "resend " + i);
      assertSame(t, c.state().advertised);
      assertEquals(0, c.state().active.version);
    }
    assertEquals(InboundCompression.Tick.GAVE_UP, c.tick());
    assertSame(t, c.state().active, "unconfirmed after three resends: used anyway");
    assertFalse(c.state().activeConfirmed);
    InboundCompression.Table again = advertise(c, counter, "a");
    assertEquals(List.of("a"), List.of(again.keys), "the same keys are advertised again: the peer may never have got them");
    assertEquals(2, again.version);
  }

  @Test
  void shouldNotAdvertiseWhatIsAlreadyActiveOrNothing() {
    InboundCompression c = new InboundCompression(true, PEER, 8);
    HitCounter counter = c.hits(this);
    assertEquals(InboundCompression.Tick.DUE, c.tick());
    assertNull(c.advertiseFrom(counter), "nothing counted: nothing to advertise");
    assertFalse(c.due());
    InboundCompression.Table t = advertise(c, counter, "x", "y");
    assertTrue(c.confirm(t.version));
    assertNull(advertise(c, counter, "x", "y"), "the same keys again: no new version");
    assertNull(advertise(c, counter, "y", "x"), "nor in another order: every index costs the same");
    assertEquals(1, c.state().active.version);
    assertEquals(2, advertise(c, counter, "z", "w").version, "other keys: the next version");
  }

  @Test
  void shouldNumberVersionsOneTo127ThenWrapToZeroAndKeepThreeOldTables() {
    InboundCompression c = new InboundCompression(true, PEER, 4);
    HitCounter counter = c.hits(this);
    List<Integer> versions = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      InboundCompression.Table t = advertise(c, counter, "k" + i);
      versions.add(t.version);
      assertTrue(c.confirm(t.version));
    }
    assertEquals(1, (int) versions.get(0));
    assertEquals(127, (int) versions.get(126));
    assertEquals(0, (int) versions.get(127), "after 127 comes 0 (Pekko's wrap)");
    assertEquals(2, (int) versions.get(129));
    // active 2, old 1, 0, 127; 126 is gone
    assertEquals(List.of(1, 0, 127), List.of(c.state().old).stream().map(t -> t.version).collect(Collectors.toList()));
    for (int v : new int[] {2, 1, 0, 127}) assertNotNull(c.table(v), "version " + v + " still decodes");
    assertNull(c.table(126), "only " + InboundCompression.KEEP_OLD_TABLES + " old tables are kept");
    assertNull(c.table(-1), "0xFF (compression disabled) never decodes");
  }

  @Test
  void shouldLetOneConnectionAtATimeCount() {
    InboundCompression c = new InboundCompression(true, PEER, 4);
    Object first = new Object();
    Object second = new Object();
    HitCounter counter = c.hits(first);
    assertNotNull(counter);
    assertSame(counter, c.hits(first));
    assertNull(c.hits(second), "another connection of the same peer does not count meanwhile");
    c.releaseHits(second);
    assertNull(c.hits(second), "only the owner releases");
    c.releaseHits(first);
    assertSame(counter, c.hits(second), "after the owner closed, the next connection counts on");
  }

  @Test
  void shouldStayBoundedUnderEverNewKeysAndKeepTheFrequentOnes() {
    HitCounter counter = new HitCounter(64);
    for (int i = 0; i < 10_000; i++) {
      counter.hit("path-" + i, i);
      counter.hit("hot", "hot");
      assertTrue(counter.size() <= 64, "at most the limit, was " + counter.size() + " after " + i);
    }
    List<HitCounter.Hit> top = counter.takeTop(1);
    assertEquals("hot", top.get(0).key, "a key that keeps coming survives the pruning");
    assertEquals(5000, top.get(0).count, "its count was halved after the table was taken");
  }

  @Test
  void shouldHalveCountsWhenATableIsTakenAndForgetTheRare() {
    HitCounter counter = new HitCounter(16);
    for (int i = 0; i < 4; i++) counter.hit("a", "a");
    counter.hit("b", "b");
    assertEquals(List.of("a", "b"), counter.takeTop(5).stream().map(h -> h.key).collect(Collectors.toList()));
    assertEquals(1, counter.size(), "b (counted once) is forgotten; a keeps half its count");
    counter.hit("c", "c");
    counter.hit("c", "c");
    counter.hit("c", "c");
    assertEquals(List.of("c", "a"), counter.takeTop(5).stream().map(h -> h.key).collect(Collectors.toList()));
  }

  @Test
  void shouldCountOnlyPathsOfOneActorIncarnation() {
    assertTrue(InboundConnection.countable("pekko://S@127.0.0.1:25520/user/echo#121359565"));
    assertTrue(InboundConnection.countable("troupe://S@h:1/user/temp/x#-5"), "a user actor named temp is no temp ref");
    assertFalse(InboundConnection.countable("troupe://S@h:1/temp/$a"), "temporary refs (asks) are never counted");
    assertFalse(InboundConnection.countable("troupe://S@h:1/temp/$a#3"), "not even with a uid");
    assertFalse(InboundConnection.countable("troupe://S@h:1/user"), "no uid: a guardian or an incarnation-free path");
    assertFalse(InboundConnection.countable(""), "no sender / no recipient");
    assertFalse(InboundConnection.countable(null));
  }
}

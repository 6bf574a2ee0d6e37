package io.troupe.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.testkit.javadsl.TestKit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an actor sees of itself through getSelf, getSender and getContext. */
class ActorContextTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("ActorContextTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  record Spawn(String name) {}
  record Find(String name) {}
  record Get(String name) {}
  record StopChild(String name) {}
  record Forward(String child, Object msg) {}
  record Stopped(String name, List<ActorRef> childrenAfter) {}

  /** A parent driven by commands; replies with what its context says. */
  static class Parent extends AbstractActor {
    private ActorRef stopRequester;

    @Override public Receive createReceive() {
      return receiveBuilder()
          .match(Spawn.class, s -> getSender().tell(getContext().actorOf(Props.create(Child.class), s.name()), getSelf()))
          .match(Find.class, f -> getSender().tell(getContext().findChild(f.name()), getSelf()))
          .match(Get.class, g -> getSender().tell(Optional.ofNullable(getContext().getChild(g.name())), getSelf()))
          .match(StopChild.class, s -> {
            stopRequester = getSender();
            ActorRef child = getContext().getChild(s.name());
            getContext().watch(child);
            getContext().stop(child);
          })
          .match(Terminated.class, t -> stopRequester.tell(
              new Stopped(t.getActor().path().name(), new ArrayList<>(getContext().getChildren())), getSelf()))
          .match(Forward.class, f -> getContext().getChild(f.child()).forward(f.msg(), getContext()))
          .matchEquals("children", m -> getSender().tell(new ArrayList<>(getContext().getChildren()), getSelf()))
          .matchEquals("self", m -> getSender().tell(getSelf(), getSelf()))
          .matchEquals("system", m -> getSender().tell(getContext().getSystem(), getSelf()))
          .matchEquals("parent", m -> getSender().tell(getContext().getParent(), getSelf()))
          .matchEquals("stop-self", m -> getContext().stop(getSelf()))
          .build();
    }
  }

  static class Child extends AbstractActor {
    @Override public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("parent", m -> getSender().tell(getContext().getParent(), getSelf()))
          .matchEquals("self", m -> getSender().tell(getSelf(), getSelf()))
          .matchAny(m -> getSender().tell("child got " + m, getSelf()))
          .build();
    }
  }

  @Test
  void shouldReplyToSenderAndKnowItselfWhenAsked() {
    TestKit probe = new TestKit(system);
    ActorRef p = system.actorOf(Props.create(Parent.class), "knows-itself");
    probe.send(p, "self");
    assertEquals(p, probe.expectMsgClass(ActorRef.class));
    assertEquals(p, probe.getLastSender());
    probe.send(p, "system");
    assertSame(system, probe.expectMsgClass(ActorSystem.class));
    probe.send(p, "parent");
    assertEquals(((ExtendedActorSystem) system).guardian(), probe.expectMsgClass(ActorRef.class));
  }

  @Test
  void shouldCreateChildrenUnderItselfWhenUsingContextActorOf() {
    TestKit probe = new TestKit(system);
    ActorRef p = system.actorOf(Props.create(Parent.class), "family");
    probe.send(p, new Spawn("kid1"));
    ActorRef kid1 = probe.expectMsgClass(ActorRef.class);
    probe.send(p, new Spawn("kid2"));
    ActorRef kid2 = probe.expectMsgClass(ActorRef.class);
    assertEquals(p.path().child("kid1"), kid1.path());
    assertEquals(p.path(), kid2.path().parent());

    probe.send(kid1, "parent");
    assertEquals(p, probe.expectMsgClass(ActorRef.class));

    probe.send(p, "children");
    @SuppressWarnings("unchecked")
    List<ActorRef> children = probe.expectMsgClass(List.class);
    assertEquals(Set.of(kid1, kid2), new HashSet<>(children));

    probe.send(p, new Find("kid1"));
    assertEquals(Optional.of(kid1), probe.expectMsgClass(Optional.class));
    probe.send(p, new Find("nobody"));
    assertEquals(Optional.empty(), probe.expectMsgClass(Optional.class));
    probe.send(p, new Get("kid2"));
    assertEquals(Optional.of(kid2), probe.expectMsgClass(Optional.class));
    probe.send(p, new Get("nobody"));
    assertEquals(Optional.empty(), probe.expectMsgClass(Optional.class));
  }

  @Test
  void shouldKeepOriginalSenderWhenForwarding() {
    TestKit probe = new TestKit(system);
    ActorRef p = system.actorOf(Props.create(Parent.class), "forwarder");
    probe.send(p, new Spawn("kid"));
    ActorRef kid = probe.expectMsgClass(ActorRef.class);
    probe.send(p, new Forward("kid", "hello"));
    probe.expectMsg("child got hello");
    assertEquals(kid, probe.getLastSender());
  }

  @Test
  void shouldRemoveChildAndFreeItsNameWhenStoppedThroughContext() {
    TestKit probe = new TestKit(system);
    ActorRef p = system.actorOf(Props.create(Parent.class), "stopper");
    probe.send(p, new Spawn("doomed"));
    ActorRef doomed = probe.expectMsgClass(ActorRef.class);
    probe.send(p, new Spawn("survivor"));
    ActorRef survivor = probe.expectMsgClass(ActorRef.class);
    probe.send(p, new StopChild("doomed"));
    Stopped s = probe.expectMsgClass(Stopped.class);
    assertEquals("doomed", s.name());
    assertEquals(List.of(survivor), s.childrenAfter());
    probe.send(p, new Find("doomed"));
    assertEquals(Optional.empty(), probe.expectMsgClass(Optional.class));
    // the parent has processed the death, so the name can be used again at once
    probe.send(p, new Spawn("doomed"));
    ActorRef again = probe.expectMsgClass(ActorRef.class);
    assertEquals(doomed.path(), again.path());
    assertNotEquals(doomed, again);
  }

  @Test
  void shouldStopItselfWhenContextStopsSelf() {
    TestKit probe = new TestKit(system);
    ActorRef p = system.actorOf(Props.create(Parent.class));
    probe.send(p, new Spawn("kid"));
    ActorRef kid = probe.expectMsgClass(ActorRef.class);
    probe.watch(p);
    probe.watch(kid);
    probe.send(p, "stop-self");
    List<Object> got = probe.receiveN(2);
    Set<ActorRef> dead = new HashSet<>();
    for (Object o : got) {
      assertTrue(o instanceof Terminated, String.valueOf(o));
      dead.add(((Terminated) o).getActor());
    }
    assertEquals(Set.of(p, kid), dead);
  }
}

package io.troupe.actor;

import io.troupe.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hot-swapping behaviour: become replaces, become(b, false) stacks, unbecome pops back to the initial behaviour. */
class BecomeTest {
  static ActorSystem system;

  @BeforeAll static void setup() { system = ActorSystem.create("BecomeTest"); }

  @AfterAll static void teardown() { TestKit.shutdownActorSystem(system); }

  /** Behaviours named a (initial), b and c; each replies "<name>:<msg>" and switches on commands. */
  static class Swapper extends AbstractActor {
    private Receive named(String name) {
      return receiveBuilder()
          .matchEquals("become-b", m -> getContext().become(named("b")))
          .matchEquals("become-c", m -> getContext().become(named("c")))
          .matchEquals("push-b", m -> getContext().become(named("b"), false))
          .matchEquals("push-c", m -> getContext().become(named("c"), false))
          .matchEquals("unbecome", m -> getContext().unbecome())
          .matchEquals("fail", m -> {
            throw new IllegalStateException("failing on request (expected by the test)");
          })
          .matchAny(m -> getSender().tell(name + ":" + m, getSelf()))
          .build();
    }

    @Override public Receive createReceive() { return named("a"); }
  }

  private static void expectBehaviour(TestKit probe, ActorRef a, String name) {
    probe.send(a, "hi");
    probe.expectMsg(name + ":hi");
  }

  @Test
  void shouldReplaceBehaviourWhenBecomeDiscardsOld() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Swapper.class));
    expectBehaviour(probe, a, "a");
    a.tell("become-b", probe.getRef());
    expectBehaviour(probe, a, "b");
    a.tell("become-c", probe.getRef());
    expectBehaviour(probe, a, "c");
  }

  @Test
  void shouldRevertToPreviousBehaviourWhenUnbecomeAfterStacking() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Swapper.class));
    a.tell("push-b", probe.getRef());
    a.tell("push-c", probe.getRef());
    expectBehaviour(probe, a, "c");
    a.tell("unbecome", probe.getRef());
    expectBehaviour(probe, a, "b");
    a.tell("unbecome", probe.getRef());
    expectBehaviour(probe, a, "a");
    a.tell("unbecome", probe.getRef());
    expectBehaviour(probe, a, "a");
  }

  @Test
  void shouldRevertToInitialBehaviourWhenUnbecomeAfterReplacing() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Swapper.class));
    a.tell("become-b", probe.getRef());
    expectBehaviour(probe, a, "b");
    a.tell("unbecome", probe.getRef());
    expectBehaviour(probe, a, "a");
  }

  @Test
  void shouldReplaceOnlyTheTopWhenBecomeDiscardsOldOnAStack() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Swapper.class));
    a.tell("push-b", probe.getRef());
    a.tell("become-c", probe.getRef()); // replaces b, keeps a below
    expectBehaviour(probe, a, "c");
    a.tell("unbecome", probe.getRef());
    expectBehaviour(probe, a, "a");
  }

  @Test
  void shouldResetToInitialBehaviourWhenRestarted() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(Swapper.class));
    a.tell("push-b", probe.getRef());
    a.tell("push-c", probe.getRef());
    expectBehaviour(probe, a, "c");
    a.tell("fail", probe.getRef()); // the /user guardian restarts it
    expectBehaviour(probe, a, "a");
  }

  /** Becomes in its constructor: that behaviour wins over createReceive, as in Pekko. */
  static class BecomesInConstructor extends AbstractActor {
    BecomesInConstructor() {
      getContext().become(receiveBuilder().matchAny(m -> getSender().tell("constructor:" + m, getSelf())).build());
    }

    @Override public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell("createReceive:" + m, getSelf())).build();
    }
  }

  /** Stacks a one-shot behaviour in its constructor that unbecomes after its first message. */
  static class StacksInConstructor extends AbstractActor {
    StacksInConstructor() {
      getContext().become(receiveBuilder().matchAny(m -> {
        getSender().tell("once:" + m, getSelf());
        getContext().unbecome();
      }).build(), false);
    }

    @Override public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell("createReceive:" + m, getSelf())).build();
    }
  }

  @Test
  void shouldUseConstructorBehaviourWhenBecomeCalledInConstructor() {
    TestKit probe = new TestKit(system);
    probe.send(system.actorOf(Props.create(BecomesInConstructor.class)), "hi");
    probe.expectMsg("constructor:hi");
  }

  @Test
  void shouldFallBackToCreateReceiveWhenBehaviourStackedInConstructorUnbecomes() {
    TestKit probe = new TestKit(system);
    ActorRef a = system.actorOf(Props.create(StacksInConstructor.class));
    probe.send(a, "first");
    probe.expectMsg("once:first");
    probe.send(a, "second");
    probe.expectMsg("createReceive:second");
  }
}

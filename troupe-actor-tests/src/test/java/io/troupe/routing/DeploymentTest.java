package io.troupe.routing;

import static io.troupe.routing.RouteeActors.receiveHandled;
import static io.troupe.routing.RouteeActors.routeesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.ConfigurationException;
import io.troupe.actor.AbstractActor;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Deploy;
import io.troupe.actor.Props;
import io.troupe.actor.internal.ActorCell;
import io.troupe.dispatch.MessageDispatcher;
import io.troupe.routing.RouteeActors.Handled;
import io.troupe.routing.RouteeActors.Reporter;
import io.troupe.testkit.javadsl.TestKit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How troupe.actor.deployment entries change the actors created at their paths. */
class DeploymentTest {
  static ActorSystem system;

  @BeforeAll
  static void setup() {
    system = ActorSystem.create("DeploymentTest", ConfigFactory.parseString(
        "code-dispatcher { type = Dispatcher }\n"
            + "config-dispatcher { type = Dispatcher }\n"
            + "bounded { mailbox-type = \"io.troupe.dispatch.BoundedMailbox\", mailbox-capacity = 10 }\n"
            + "troupe.actor.deployment {\n"
            + "  /replaced-router { router = broadcast-pool, nr-of-instances = 4 }\n"
            + "  /replaced-deploy { router = round-robin-pool, nr-of-instances = 3 }\n"
            + "  /dispatched { dispatcher = config-dispatcher, mailbox = bounded }\n"
            + "  \"/*/wild-child\" { dispatcher = config-dispatcher }\n"
            + "  \"/*/wild-pool\" { router = round-robin-pool, nr-of-instances = 2 }\n"
            + "  /plain { router = round-robin-pool, nr-of-instances = 3 }\n"
            + "  /remote-pool { router = round-robin-pool, nr-of-instances = 2,\n"
            + "                 target.nodes = [\"troupe://app@10.0.0.2:25520\"] }\n"
            + "  /own-dispatcher { router = round-robin-pool, nr-of-instances = 2,\n"
            + "                    pool-dispatcher { executor = thread-pool-executor } }\n"
            + "}"));
  }

  @AfterAll
  static void teardown() { TestKit.shutdownActorSystem(system); }

  /** Answers "where" with its dispatcher id and mailbox queue class; creates children on request. */
  public static class Inspector extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("where", m -> getSender().tell(List.of(((MessageDispatcher) getContext().getDispatcher()).id(),
              ((ActorCell) getContext()).mailbox().messageQueue().getClass().getSimpleName()), getSelf()))
          .match(Props.class, p -> getSender().tell(getContext().actorOf(p, "wild-child"), getSelf()))
          .match(RouterConfig.class, r -> getSender().tell(getContext().actorOf(
              ((Pool) r).props(Props.create(Inspector.class)), "wild-pool"), getSelf()))
          .build();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> whereIs(ActorRef ref) {
    TestKit asker = new TestKit(system);
    asker.send(ref, "where");
    return asker.expectMsgClass(List.class);
  }

  @Test
  void configRouter_beatsTheRouterGivenWithWithRouter() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(Props.create(Reporter.class, probe.getRef()).withRouter(new RoundRobinPool(2)),
        "replaced-router");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(4, routees.size(), "nr-of-instances from config");
    router.tell("hello", ActorRef.noSender());
    Set<ActorRef> reached = new HashSet<>();
    for (Handled h : receiveHandled(probe, 4)) reached.add(h.routee());
    assertEquals(Set.copyOf(routees), reached, "broadcast-pool from config, not round-robin from code");
  }

  @Test
  void configRouter_beatsTheRouterGivenWithWithDeploy() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(Props.create(Reporter.class, probe.getRef())
        .withDeploy(new Deploy(new RandomPool(7))), "replaced-deploy");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(3, routees.size());
    for (int i = 0; i < 6; i++) router.tell(i, ActorRef.noSender());
    for (Handled h : receiveHandled(probe, 6)) {
      assertEquals(routees.get((Integer) h.message() % 3), h.routee(), "round-robin from config");
    }
  }

  @Test
  void configDispatcherAndMailbox_beatThoseGivenInCode() {
    ActorRef actor = system.actorOf(Props.create(Inspector.class).withDispatcher("code-dispatcher"), "dispatched");
    assertEquals(List.of("config-dispatcher", "BoundedMessageQueue"), whereIs(actor));
    ActorRef elsewhere = system.actorOf(Props.create(Inspector.class).withDispatcher("code-dispatcher"), "elsewhere");
    assertEquals("code-dispatcher", whereIs(elsewhere).get(0), "no entry: the Props decide");
  }

  @Test
  void wildcardEntry_appliesToChildrenOfAnyTopLevelActor() {
    TestKit asker = new TestKit(system);
    ActorRef parent = system.actorOf(Props.create(Inspector.class), "some-parent");
    asker.send(parent, Props.create(Inspector.class));
    ActorRef child = asker.expectMsgClass(ActorRef.class);
    assertEquals("config-dispatcher", whereIs(child).get(0));

    asker.send(parent, FromConfig.getInstance());
    ActorRef pool = asker.expectMsgClass(ActorRef.class);
    assertEquals(2, routeesOf(asker, pool).size(), "\"/*/wild-pool\" made FromConfig a pool of 2");
  }

  @Test
  void configRouter_doesNotMakeAnActorWithoutRouterPropsARouter() {
    TestKit probe = new TestKit(system);
    ActorRef plain = system.actorOf(Props.create(Reporter.class, probe.getRef()), "plain");
    plain.tell(GetRoutees.getInstance(), ActorRef.noSender());
    Handled h = probe.expectMsgClass(Handled.class);
    assertEquals(plain, h.routee(), "the actor itself got the message: it is not a router");
    assertEquals(GetRoutees.getInstance(), h.message());
  }

  @Test
  void fromConfigWithoutAnEntry_failsAtCreationNamingThePath() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> system.actorOf(FromConfig.getInstance().props(Props.create(Reporter.class, system.deadLetters())), "unconfigured"));
    assertTrue(e.getMessage().contains("/user/unconfigured"), e.getMessage());
    assertTrue(e.getMessage().contains("troupe.actor.deployment"), e.getMessage());
    // the name was not taken by the failed attempt
    system.stop(system.actorOf(Props.create(Inspector.class), "unconfigured"));
  }

  @Test
  void poolWithTargetNodes_isALocalPoolWithoutTheRemoteModule() {
    TestKit probe = new TestKit(system);
    ActorRef router = system.actorOf(FromConfig.getInstance().props(Props.create(Reporter.class, probe.getRef())),
        "remote-pool");
    List<ActorRef> routees = routeesOf(new TestKit(system), router);
    assertEquals(2, routees.size());
    for (ActorRef r : routees) assertEquals(router.path(), r.path().parent(), "a local child");
    router.tell("local", ActorRef.noSender());
    assertTrue(routees.contains(probe.expectMsgClass(Handled.class).routee()));
  }

  @Test
  void poolDispatcherBlock_givesTheRouteesTheirOwnDispatcher() {
    ActorRef router = system.actorOf(FromConfig.getInstance().props(Props.create(Inspector.class)), "own-dispatcher");
    for (ActorRef routee : routeesOf(new TestKit(system), router)) {
      assertEquals("troupe.actor.deployment.\"/own-dispatcher\".pool-dispatcher", whereIs(routee).get(0));
    }
  }

  @Test
  void unknownRouterName_failsActorSystemCreate() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ActorSystem.create("Broken",
        ConfigFactory.parseString("troupe.actor.deployment { /workers { router = round-robbin-pool } }")));
    assertTrue(e.getMessage().contains("troupe.actor.deployment.\"/workers\".router"), e.getMessage());
    assertTrue(e.getMessage().contains("round-robin-pool"), e.getMessage());
  }

  @Test
  void partialWildcardKey_failsActorSystemCreate() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ActorSystem.create("Broken",
        ConfigFactory.parseString("troupe.actor.deployment { \"/foo*/bar\" { router = round-robin-pool } }")));
    assertTrue(e.getMessage().contains("\"/foo*/bar\""), e.getMessage());
  }
}

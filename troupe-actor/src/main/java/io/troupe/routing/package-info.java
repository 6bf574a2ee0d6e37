/**
 * Routers, as in Pekko's classic routing: pools that create their routees ({@link io.troupe.routing.RoundRobinPool} and
 * friends), groups over existing actors by path, {@link io.troupe.routing.FromConfig} for routers defined in
 * {@code troupe.actor.deployment}, routing logics, and the messages routers understand ({@link
 * io.troupe.routing.Broadcast}, {@link io.troupe.routing.GetRoutees}). The runtime part is in {@code .internal}.
 */
package io.troupe.routing;

package io.troupe.remote.serialization;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Deploy;
import io.troupe.actor.Props;

/**
 * Asks a node's remote daemon ({@code /remote}) to create an actor on behalf of a parent elsewhere, as Pekko's
 * {@code org.apache.pekko.remote.DaemonMsgCreate}: what {@code actorOf} sends for Props deployed with a
 * {@link io.troupe.remote.RemoteScope}. Serializer 3 (spec section 9.4). Internal API.
 *
 * @param props the child's Props; its actor class and constructor arguments travel by name and by value
 * @param deploy the deployment decided on the creating side (config, scope, router, dispatcher)
 * @param path the child's full path on the target node, with {@code #uid}, e.g.
 *     {@code pekko://B@h:p/remote/pekko/A@h:p/user/child#42}
 * @param supervisor the parent, on the creating node
 */
public record DaemonMsgCreate(Props props, Deploy deploy, String path, ActorRef supervisor) {}

/**
 * Internal: the router runtime behind {@code io.troupe.routing}: the router ref that routes on the sending thread and
 * the router actor that owns the routee list, supervises pool routees and answers management messages. Not API.
 */
package io.troupe.routing.internal;

/** The tcp transport on Netty: listener, inbound frame decoding, outbound connections with batched writes. Internal API. */
package io.troupe.remote.transport.tcp;

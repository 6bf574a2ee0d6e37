/**
 * The transport port: what the rest of remoting needs from a byte transport (listen, connect, write frames in
 * batches, receive frames), with no Netty type crossing it, so tcp, tls-tcp and later other carriers plug in behind
 * it. Internal API.
 */
package io.troupe.remote.transport;

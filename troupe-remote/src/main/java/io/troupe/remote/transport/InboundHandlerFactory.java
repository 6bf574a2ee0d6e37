package io.troupe.remote.transport;

import java.net.InetSocketAddress;

/** Makes one {@link InboundFrameHandler} per accepted connection. Called on that connection's I/O thread. */
@FunctionalInterface
public interface InboundHandlerFactory {
  InboundFrameHandler newConnection(InetSocketAddress remote);
}

/**
 * Artery remoting: associations, the inbound and outbound paths, system-message delivery. Internal API.
 *
 * <p>Performance notes (where the hot path departs from ../shared/ARCHITECTURE.md, and why). Measured with the
 * benchmark contract (two JVMs, 100-byte messages) and JMH ({@code io.troupe.bench.remote}) on 2 cores, where every
 * hand-off between threads costs more than the message it carries:
 * <ul>
 *   <li>Inbound: a connection's frames are decoded and deserialized on its I/O thread and handed once to the
 *       recipient's mailbox; there are no inbound lanes hashed by recipient (another hop and queue per message).
 *       Order per sender and recipient holds because one connection is one I/O thread and one mailbox is FIFO.
 *       {@code inbound-lanes} is accepted for compatibility and bounds the I/O threads.
 *   <li>Hand-off in batches: the messages of one socket read are enqueued as they are decoded, but each recipient's
 *       mailbox is scheduled once per read (at most 64 messages later) through
 *       {@link io.troupe.actor.internal.BatchedDelivery}, not once per message: that removed a status CAS per
 *       message and most wake-ups of dispatcher threads (receiver CPU per message down by a third).
 *   <li>No per-message garbage on the I/O threads but the message itself: a repeated sender, recipient or manifest
 *       literal is recognised by its bytes and is the same String again (so the ref caches hit without hashing a new
 *       string); frames and payloads are views reused per read; counters are added once per batch; the serialization
 *       transport information is set once per read. Outbound frames are encoded straight into a pooled direct chunk
 *       through one reused view, with literal bytes cached per thread, and flushed once per drained batch.
 *   <li>Direct writes (tcp only, {@code advanced.tcp.direct-writes}, on by default): ARCHITECTURE.md has a tell never
 *       serialize on the caller's thread. When the ordinary connection to the peer is idle (nothing queued, no drain
 *       scheduled or running, nothing unsent in Netty, the last write more than 20 us ago), the sending thread now
 *       encodes the message into a buffer of its own and writes it to the non-blocking socket itself, sparing the
 *       wake-up of the I/O thread: request-reply traffic crosses four thread wake-ups per round trip instead of six
 *       (contract ping-pong p50 95 -> 82 us, 10k msg/s p50 134 -> 88 us). A tell still never blocks: the socket is
 *       non-blocking, the connection's write lock is only tried, and whatever the socket does not take goes to the
 *       I/O thread. Busy senders never get here (the check that a drain is scheduled comes first), so batching and
 *       the throughput figures are unchanged. The price is the serialization of that one message on the sender's
 *       thread; a program with slow serializers can turn it off.
 * </ul>
 * What is left per message on the receiver is the payload the recipient gets (a {@code byte[]} for the contract),
 * the mailbox envelope and the queue slot; on the sender the queued envelope.
 */
package io.troupe.remote.artery;

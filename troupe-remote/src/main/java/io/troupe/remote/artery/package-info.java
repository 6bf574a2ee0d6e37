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
 * </ul>
 * What is left per message on the receiver is the payload the recipient gets (a {@code byte[]} for the contract),
 * the mailbox envelope and the queue slot; on the sender the queued envelope.
 */
package io.troupe.remote.artery;

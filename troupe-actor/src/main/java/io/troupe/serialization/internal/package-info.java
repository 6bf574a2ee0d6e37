/**
 * Internal API: the built-in primitive serializers (Long, Integer, String, Boolean, ByteBuffer) with Pekko's ids and
 * byte formats, the little-endian and UTF-8 helpers they share, and the checks behind {@code serialize-messages} and
 * {@code serialize-creators}. Public only so that configuration and the actor cell can reach them.
 */
package io.troupe.serialization.internal;

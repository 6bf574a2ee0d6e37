/**
 * Serialization, as Pekko's {@code org.apache.pekko.serialization}: the {@link io.troupe.serialization.Serializer} SPI
 * and its Java base classes, the {@link io.troupe.serialization.Serialization} extension that picks a serializer by
 * {@code troupe.actor.serialization-bindings}, the byte-array and Java serializers (Java serialization is off by
 * default and refused by {@link io.troupe.serialization.DisabledJavaSerializer}). The primitive serializers live in
 * {@code .internal}; the wire ids and formats are those of spec §9.1.
 */
package io.troupe.serialization;

/**
 * Jackson serializers with Pekko's formats: {@link io.troupe.serialization.jackson.JacksonJsonSerializer}
 * ({@code jackson-json}, id 31) and {@link io.troupe.serialization.jackson.JacksonCborSerializer} ({@code jackson-cbor},
 * id 33), the {@link io.troupe.serialization.jackson.JacksonObjectMapperProvider} that configures their mappers, schema
 * migrations and Jackson support for actor refs and addresses. Public API, except where a class says otherwise.
 */
package io.troupe.serialization.jackson;

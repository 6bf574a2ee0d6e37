package io.troupe.serialization.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Address;
import io.troupe.actor.AddressFromURIString;
import io.troupe.actor.ExtendedActorSystem;
import io.troupe.serialization.Serialization;
import java.io.IOException;

/**
 * Jackson support for Troupe's own types, as Pekko's {@code PekkoJacksonModule}: an {@link ActorRef} is written as its
 * wire path string ({@code pekko://sys@host:port/user/a#123}, spec §10; local refs get the address of the current
 * serialization information) and read back through the actor system's provider; an {@link Address} is written as its
 * {@code toString}. Reading an {@code ActorRef} needs {@link Serialization.Information} on the thread, which
 * {@code Serialization.deserialize} sets (use {@link Serialization#withTransportInformation} around your own calls).
 */
public final class TroupeJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  public TroupeJacksonModule() {
    super("TroupeJacksonModule");
    addSerializer(ActorRef.class, new ActorRefSerializer());
    addDeserializer(ActorRef.class, new ActorRefDeserializer());
    addSerializer(Address.class, new AddressSerializer());
    addDeserializer(Address.class, new AddressDeserializer());
  }

  static final class ActorRefSerializer extends StdScalarSerializer<ActorRef> {
    private static final long serialVersionUID = 1L;

    ActorRefSerializer() {
      super(ActorRef.class);
    }

    @Override
    public void serialize(ActorRef ref, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(Serialization.serializedActorPath(ref));
    }
  }

  static final class ActorRefDeserializer extends StdScalarDeserializer<ActorRef> {
    private static final long serialVersionUID = 1L;

    ActorRefDeserializer() {
      super(ActorRef.class);
    }

    @Override
    public ActorRef deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (ActorRef) ctxt.handleUnexpectedToken(ActorRef.class, p);
      }
      ExtendedActorSystem system = (ExtendedActorSystem) Serialization.getCurrentTransportInformation().system();
      return system.provider().resolveActorRef(p.getText());
    }
  }

  static final class AddressSerializer extends StdScalarSerializer<Address> {
    private static final long serialVersionUID = 1L;

    AddressSerializer() {
      super(Address.class);
    }

    @Override
    public void serialize(Address a, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(a.toString());
    }
  }

  static final class AddressDeserializer extends StdScalarDeserializer<Address> {
    private static final long serialVersionUID = 1L;

    AddressDeserializer() {
      super(Address.class);
    }

    @Override
    public Address deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Address) ctxt.handleUnexpectedToken(Address.class, p);
      }
      try {
        return AddressFromURIString.parse(p.getText());
      } catch (RuntimeException e) {
        return (Address) ctxt.handleWeirdStringValue(Address.class, p.getText(), "not an address: %s", e.getMessage());
      }
    }
  }
}

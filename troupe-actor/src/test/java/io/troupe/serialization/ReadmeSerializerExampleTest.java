package io.troupe.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.readme.PointSerializer;
import io.troupe.actor.ActorSystem;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The README's custom ByteBufferSerializer, registered and bound by configuration as a user would. */
class ReadmeSerializerExampleTest {

  @Test
  void theReadmeSerializerWorksThroughConfigurationAndBothPaths() throws Exception {
    ActorSystem system = Systems.create("ReadmeSerializerExampleTest",
        "troupe.actor.serializers { my = \"com.example.readme.PointSerializer\" }\n"
            + "troupe.actor.serialization-bindings { \"com.example.readme.PointSerializer$Point\" = my }");
    try {
      Serialization ser = SerializationExtension.get(system);
      PointSerializer.Point p = new PointSerializer.Point(1, -2);
      byte[] bytes = ser.serialize(p);
      assertArrayEquals(new byte[] {0, 0, 0, 1, -1, -1, -1, -2}, bytes);
      assertEquals(p, ser.deserialize(bytes, 4711, "P"));
      for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.allocate(16), ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN)}) {
        ((ByteBufferSerializer) ser.findSerializerFor(p)).toBinary(p, buf);
        buf.flip();
        byte[] written = new byte[buf.remaining()];
        buf.duplicate().get(written);
        assertArrayEquals(bytes, written, "same bytes in a " + buf.order() + " buffer");
        assertEquals(p, ser.deserializeByteBuffer(buf, 4711, "P"));
      }
      assertThrows(NotSerializableException.class, () -> ser.deserialize(bytes, 4711, "Q"));
    } finally {
      Systems.terminate(system);
    }
  }
}

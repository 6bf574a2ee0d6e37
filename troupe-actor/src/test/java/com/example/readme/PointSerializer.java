package com.example.readme;

import io.troupe.actor.ExtendedActorSystem;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.SerializerWithStringManifest;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The ByteBufferSerializer example of README.md, kept compiling and tested by ReadmeSerializerExampleTest. */
public final class PointSerializer extends SerializerWithStringManifest implements ByteBufferSerializer {
  /** The message. */
  public record Point(int x, int y) {}

  public PointSerializer(ExtendedActorSystem system) {}
  @Override public int identifier() { return 4711; }
  @Override public String manifest(Object o) { return "P"; }
  @Override public byte[] toBinary(Object o) {
    ByteBuffer buf = ByteBuffer.allocate(8);
    toBinary(o, buf);
    return buf.array();
  }
  @Override public void toBinary(Object o, ByteBuffer buf) {   // from buf.position(); BufferOverflowException if full
    Point p = (Point) o;
    ByteOrder callers = buf.order();                             // the same bytes whatever order the buffer has
    buf.order(ByteOrder.BIG_ENDIAN).putInt(p.x()).putInt(p.y()).order(callers);
  }
  @Override public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    if (!manifest.equals("P")) throw new NotSerializableException(manifest);
    ByteOrder callers = buf.order();                             // reads position to limit; do not keep buf
    Point p = new Point(buf.order(ByteOrder.BIG_ENDIAN).getInt(), buf.getInt());
    buf.order(callers);
    return p;
  }
  @Override public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), manifest);
  }
}

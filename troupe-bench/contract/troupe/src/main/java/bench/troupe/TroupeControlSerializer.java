package bench.troupe;

import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import io.troupe.serialization.ByteBufferSerializer;
import io.troupe.serialization.SerializerWithStringManifest;

/**
 * Serializer for {@link Msgs.Control}; writes straight into Artery's buffers. Bodies are
 * little-endian, as Artery's envelope buffers are: Flow = int id, long nanos; EndResult =
 * five longs (count, bytes, firstNanos, lastNanos, cpuNanos); the rest have no body.
 * Troupe's ByteBufferSerializer contract leaves the buffer's byte order to the serializer,
 * so the order is set here (and the caller's restored): the bytes are those of the Pekko
 * implementation's ControlSerializer (same identifier and manifests).
 */
public final class TroupeControlSerializer extends SerializerWithStringManifest implements ByteBufferSerializer {
    private static final String START = "S", START_ACK = "s", END = "E", END_RESULT = "R",
            FLOW = "F", STOP = "X", STOP_ACK = "x";

    @Override
    public int identifier() {
        return 472_001;
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof Msgs.Flow) return FLOW;
        if (o instanceof Msgs.EndResult) return END_RESULT;
        if (o instanceof Msgs.Start) return START;
        if (o instanceof Msgs.StartAck) return START_ACK;
        if (o instanceof Msgs.End) return END;
        if (o instanceof Msgs.Stop) return STOP;
        if (o instanceof Msgs.StopAck) return STOP_ACK;
        throw new IllegalArgumentException("not a benchmark control message: " + o.getClass());
    }

    @Override
    public void toBinary(Object o, ByteBuffer buf) {
        ByteOrder order = buf.order();
        buf.order(ByteOrder.LITTLE_ENDIAN);
        try {
            write(o, buf);
        } finally {
            buf.order(order);
        }
    }

    private static void write(Object o, ByteBuffer buf) {
        if (o instanceof Msgs.Flow) {
            Msgs.Flow f = (Msgs.Flow) o;
            buf.putInt(f.id);
            buf.putLong(f.sentNanos);
        } else if (o instanceof Msgs.EndResult) {
            Msgs.EndResult r = (Msgs.EndResult) o;
            buf.putLong(r.count);
            buf.putLong(r.bytes);
            buf.putLong(r.firstNanos);
            buf.putLong(r.lastNanos);
            buf.putLong(r.cpuNanos);
        }
        // the singletons have no body
    }

    @Override
    public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
        ByteOrder order = buf.order();
        buf.order(ByteOrder.LITTLE_ENDIAN);
        try {
            return read(buf, manifest);
        } finally {
            buf.order(order);
        }
    }

    private static Object read(ByteBuffer buf, String manifest) throws NotSerializableException {
        switch (manifest) {
            case FLOW: return new Msgs.Flow(buf.getInt(), buf.getLong());
            case END_RESULT:
                return new Msgs.EndResult(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
            case START: return Msgs.Start.INSTANCE;
            case START_ACK: return Msgs.StartAck.INSTANCE;
            case END: return Msgs.End.INSTANCE;
            case STOP: return Msgs.Stop.INSTANCE;
            case STOP_ACK: return Msgs.StopAck.INSTANCE;
            default: throw new NotSerializableException("unknown manifest " + manifest);
        }
    }

    @Override
    public byte[] toBinary(Object o) {
        ByteBuffer buf = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        toBinary(o, buf);
        buf.flip();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        return fromBinary(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), manifest);
    }
}

package io.troupe.serialization;

import com.example.messages.TestMessages;
import io.troupe.actor.ExtendedActorSystem;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;

/** Serializers used by the serialization tests; each is a small, complete example of one way to write one. */
final class TestSerializers {
  private TestSerializers() {}

  /** A {@link JSerializer} (class manifest) for {@link TestMessages.Text}, id 100. */
  public static final class TextSerializer extends JSerializer {
    public TextSerializer(ExtendedActorSystem system) {}

    @Override public int identifier() { return 100; }

    @Override public boolean includeManifest() { return true; }

    @Override
    public byte[] toBinary(Object o) {
      return ((TestMessages.Text) o).text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) throws NotSerializableException {
      if (manifest != TestMessages.Text.class) throw new NotSerializableException("unknown manifest " + manifest);
      return new TestMessages.Text(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** A {@link SerializerWithStringManifest} with a no-argument constructor, id 101, writing nothing. */
  public static final class NamedEmptySerializer extends SerializerWithStringManifest {
    @Override public int identifier() { return 101; }

    @Override public String manifest(Object o) { return "E"; }

    @Override public byte[] toBinary(Object o) { return new byte[0]; }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
      throw new NotSerializableException("manifest [" + manifest + "]");
    }
  }

  /** Another id-102 serializer, for resolution tests that need a third serializer. */
  public static final class OtherSerializer extends JSerializer {
    public OtherSerializer() {}

    @Override public int identifier() { return 102; }

    @Override public boolean includeManifest() { return false; }

    @Override public byte[] toBinary(Object o) { return new byte[0]; }

    @Override public Object fromBinaryJava(byte[] bytes, Class<?> manifest) { return null; }
  }

  /** Throws from toBinary, for the failure-reporting tests; id 103. */
  public static final class ExplodingSerializer extends JSerializer {
    @Override public int identifier() { return 103; }

    @Override public boolean includeManifest() { return false; }

    @Override public byte[] toBinary(Object o) { throw new IllegalStateException("boom"); }

    @Override public Object fromBinaryJava(byte[] bytes, Class<?> manifest) { return null; }
  }

  /** Only has Pekko's third constructor shape, (system, bindingName), and reports the name it was given; id 104. */
  public static final class BindingNameSerializer extends JSerializer {
    public final String bindingName;

    public BindingNameSerializer(ExtendedActorSystem system, String bindingName) {
      this.bindingName = bindingName;
    }

    @Override public int identifier() { return 104; }

    @Override public boolean includeManifest() { return false; }

    @Override public byte[] toBinary(Object o) { return new byte[0]; }

    @Override public Object fromBinaryJava(byte[] bytes, Class<?> manifest) { return null; }
  }

  /** Same id as {@link TextSerializer}, for the duplicate-id test. */
  public static final class ClashingSerializer extends JSerializer {
    @Override public int identifier() { return 100; }

    @Override public boolean includeManifest() { return false; }

    @Override public byte[] toBinary(Object o) { return new byte[0]; }

    @Override public Object fromBinaryJava(byte[] bytes, Class<?> manifest) { return null; }
  }

  /** No usable constructor. */
  public static final class NoConstructorSerializer extends JSerializer {
    public NoConstructorSerializer(int unused) {}

    @Override public int identifier() { return 105; }

    @Override public boolean includeManifest() { return false; }

    @Override public byte[] toBinary(Object o) { return new byte[0]; }

    @Override public Object fromBinaryJava(byte[] bytes, Class<?> manifest) { return null; }
  }

  /** Its constructor throws. */
  public static final class FailingConstructorSerializer extends JSerializer {
    public FailingConstructorSerializer() {
      throw new IllegalStateException("cannot start");
    }

    @Override public int identifier() { return 106; }

    @Override public boolean includeManifest() { return false; }

    @Override public byte[] toBinary(Object o) { return new byte[0]; }

    @Override public Object fromBinaryJava(byte[] bytes, Class<?> manifest) { return null; }
  }
}

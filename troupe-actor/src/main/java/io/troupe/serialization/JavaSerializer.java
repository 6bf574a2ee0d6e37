package io.troupe.serialization;

import io.troupe.actor.ExtendedActorSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Java serialization ({@link ObjectOutputStream}), id 1, no manifest: Pekko's {@code JavaSerializer}. <b>Off by
 * default</b>: deserializing Java-serialized bytes from a peer lets that peer instantiate any serializable class on
 * the class path ("gadget chains"), which has repeatedly led to remote code execution. With
 * {@code troupe.actor.allow-java-serialization = off} the system puts a {@link DisabledJavaSerializer} in its place, and
 * creating this class fails. Turn it on only between nodes that fully trust each other, and prefer binding your
 * messages to Jackson or your own serializer.
 */
public class JavaSerializer implements Serializer {
  private final ExtendedActorSystem system;
  private final int identifier;

  /**
   * @throws IllegalStateException when {@code troupe.actor.allow-java-serialization = off}
   */
  public JavaSerializer(ExtendedActorSystem system) {
    if (!system.settings().serialization().allowJavaSerialization()) {
      throw new IllegalStateException("cannot create " + JavaSerializer.class.getName() + " while "
          + SerializationSettings.ALLOW_JAVA + " = off");
    }
    this.system = system;
    this.identifier = system.settings().serialization().identifierFor(JavaSerializer.class.getName());
  }

  public ExtendedActorSystem system() { return system; }

  @Override public int identifier() { return identifier; }

  @Override public boolean includeManifest() { return false; }

  @Override
  public byte[] toBinary(Object o) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
      out.writeObject(o);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("Java serialization of [" + o.getClass().getName() + "] failed: ["
          + e.getMessage() + "] does not implement java.io.Serializable", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Java serialization of [" + o.getClass().getName() + "] failed: " + e, e);
    }
    return bos.toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, Optional<Class<?>> manifest) throws NotSerializableException {
    try (ObjectInputStream in = new ClassLoaderObjectInputStream(system.classLoader(), new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      NotSerializableException n = new NotSerializableException("Java deserialization failed: class [" + e.getMessage()
          + "] not found");
      n.initCause(e);
      throw n;
    } catch (NotSerializableException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalArgumentException("Java deserialization failed: " + e, e);
    }
  }

  /** Resolves classes through the actor system's class loader rather than the caller's. */
  private static final class ClassLoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    ClassLoaderObjectInputStream(ClassLoader classLoader, InputStream in) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}

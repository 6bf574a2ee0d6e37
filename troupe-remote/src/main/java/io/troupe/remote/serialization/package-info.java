/**
 * The serializers remoting needs, byte for byte Pekko's (spec: shared/spec/artery-wire.md sections 5.4 and 9), registered
 * by troupe-remote's reference.conf: misc messages (16), actor selections (6), system messages (22), Artery control
 * messages (17) and remote deployment (3). Public API here: {@link
 * io.troupe.remote.serialization.ThrowableNotSerializableException}; the serializer classes are public only so that
 * configuration can name them, and {@link io.troupe.remote.serialization.DaemonMsgCreate} is internal.
 */
package io.troupe.remote.serialization;

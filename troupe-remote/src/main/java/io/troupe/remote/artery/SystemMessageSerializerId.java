package io.troupe.remote.artery;

/** Serializer ids the wire layer refers to (spec 9.1). */
final class SystemMessageSerializerId {
  private SystemMessageSerializerId() {}

  /** System messages inside SystemMessageEnvelope. */
  static final int ID = 22;
  /** ActorSelectionMessage. */
  static final int MESSAGE_CONTAINER = 6;
}

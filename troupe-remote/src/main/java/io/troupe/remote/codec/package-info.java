/**
 * The Artery TCP wire codec, pure: bytes in, values out, no channels, actors or clocks (spec: shared/spec/artery-wire.md
 * sections 1-3). Internal API.
 */
package io.troupe.remote.codec;

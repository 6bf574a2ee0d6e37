/**
 * Troupe remoting's public API: {@link io.troupe.remote.RemoteScope} and {@link io.troupe.remote.UniqueAddress}.
 * Everything in subpackages is internal unless its package documentation says otherwise.
 */
package io.troupe.remote;

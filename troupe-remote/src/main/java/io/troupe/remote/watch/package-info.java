/** Remote death watch: the remote watcher, its heartbeats and the address-terminated fan-out. Internal API. */
package io.troupe.remote.watch;

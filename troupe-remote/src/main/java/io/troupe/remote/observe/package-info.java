/** Observability of remoting: the flight recorder interface and its JDK Flight Recorder implementation. Internal API. */
package io.troupe.remote.observe;

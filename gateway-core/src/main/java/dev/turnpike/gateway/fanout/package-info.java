/**
 * Fan-out: composite endpoints (one public path, several ordinary API calls in parallel, one merged JSON answer) and
 * batch calls ({@code POST /_turnpike/batch}). Every part and every item goes through the same door as a direct
 * call ({@link dev.turnpike.gateway.fanout.Door}: key, subscription, limits, usage) and through the one upstream call
 * layer with its API's policies. See {@code docs/composites.md}.
 */
package dev.turnpike.gateway.fanout;

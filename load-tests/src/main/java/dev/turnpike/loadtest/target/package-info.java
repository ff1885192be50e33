/**
 * The things a benchmark measures and their references, each started as its own process: the upstream stub, nginx
 * as a reverse proxy, the gateway; plus what the scenarios need around them (catalog files, readiness checks, idle
 * connections, memory probes).
 */
package dev.turnpike.loadtest.target;

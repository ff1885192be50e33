/**
 * Route matching on the data plane: {@link dev.turnpike.gateway.routing.RouteTable} finds the route of a request
 * by host, method and path in an immutable trie built from the catalog, and returns a
 * {@link dev.turnpike.gateway.routing.RouteMatch} with the route's value and path parameters.
 *
 * <p>Precedence rules are in the {@code RouteTable} class comment and in {@code docs/routing.md}.
 */
package dev.turnpike.gateway.routing;

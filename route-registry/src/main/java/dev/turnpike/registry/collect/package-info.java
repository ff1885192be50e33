/**
 * Collections the catalog and the routing snapshot share: structures that let an immutable view of a large catalog be
 * changed at the cost of the change.
 */
package dev.turnpike.registry.collect;

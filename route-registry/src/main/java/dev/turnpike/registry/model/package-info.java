/**
 * The catalog model: immutable records validated in their compact constructors.
 *
 * <p>A {@link dev.turnpike.registry.model.Catalog} is the whole registry at one version: its APIs and the upstream
 * pools they route to. Records copy their collections, so a catalog can be shared across threads freely.
 */
package dev.turnpike.registry.model;

/**
 * The catalog model: immutable records validated in their compact constructors.
 *
 * <p>A {@link dev.turnpike.registry.model.Catalog} is the whole registry at one version: its teams, APIs (with
 * lifecycle, criticality, {@link dev.turnpike.registry.model.ApiPolicies policies} and an optional OpenAPI
 * {@link dev.turnpike.registry.model.ApiSpec spec} whose {@link dev.turnpike.registry.model.Operation operations}
 * become the routes), the upstream pools they route to, and the consumers with their subscriptions. API keys
 * ({@link dev.turnpike.registry.model.ApiKey}, made by {@link dev.turnpike.registry.model.ApiKeyGenerator}) are not
 * part of a catalog: the store keeps them apart, as hashes. Records copy their collections, so a catalog can be
 * shared across threads freely.
 */
package dev.turnpike.registry.model;

/**
 * The admin REST API under {@code /admin/v1} on the admin listener: {@link dev.turnpike.gateway.admin.AdminApi}
 * (authentication, routing, body limits; handlers off the event loop), {@link dev.turnpike.gateway.admin.AdminTokens}
 * (bearer tokens by SHA-256, the generated first token), the collections' resources, and the write path that applies
 * entity-level changes to the store and publishes them before answering. Documented in {@code docs/admin-api.md}.
 */
package dev.turnpike.gateway.admin;

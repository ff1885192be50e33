/**
 * The SSRF guard on upstream instances: which addresses pools may point at ({@code UpstreamAddressPolicy}), checked
 * at catalog writes and each time an upstream address is resolved ({@code GuardedResolverGroup}).
 */
package dev.turnpike.gateway.egress;

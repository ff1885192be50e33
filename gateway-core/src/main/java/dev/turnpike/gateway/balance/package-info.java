/**
 * Choosing where a request goes: {@link dev.turnpike.gateway.balance.WeightedSplit} picks an API's upstream pool
 * by weight (canary splits), and a {@link dev.turnpike.gateway.balance.LoadBalancer} picks an
 * {@link dev.turnpike.gateway.balance.Endpoint} of that pool: power of two choices by default, or smooth weighted
 * round robin. Everything here is lock-free and safe to call from several event loops at once.
 */
package dev.turnpike.gateway.balance;

/**
 * Choosing where a request goes: {@link dev.turnpike.gateway.balance.WeightedSplit} picks an API's upstream pool
 * by weight (canary splits), and a {@link dev.turnpike.gateway.balance.LoadBalancer} picks an
 * {@link dev.turnpike.gateway.balance.Endpoint} of that pool: power of two choices by requests in flight by default,
 * smooth weighted round robin, or power of two choices by peak-EWMA latency. Each pool's
 * {@link dev.turnpike.gateway.balance.OutlierDetector} turns the {@link dev.turnpike.gateway.balance.CallOutcome}s
 * its endpoints record into ejections. Everything on the request path here is lock-free and safe to call from
 * several event loops at once.
 */
package dev.turnpike.gateway.balance;

package dev.turnpike.throttling;

/**
 * One admitted call to an upstream pool. Call exactly one of the methods when the call ends; the outcome
 * teaches the pool's limit. Safe to complete from any thread.
 */
public interface ConcurrencyPermit {

    /** The call succeeded; its latency counts toward the limit. */
    void onSuccess();

    /** The upstream was overloaded (timeout, 503, connection refused): the limit shrinks. */
    void onDropped();

    /** The call says nothing about the upstream's load (client cancelled, 4xx): release only. */
    void onIgnore();
}

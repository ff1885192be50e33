/**
 * W3C trace context for every request ({@code traceparent}/{@code tracestate} continued or started, passed to the
 * upstream with the gateway's span id) and optional span export over OTLP. {@code docs/operations.md} says what an
 * operator sees.
 */
package dev.turnpike.gateway.trace;

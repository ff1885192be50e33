package dev.turnpike.throttling.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound may let pass in these tests: short lock waits that are not I/O. Logback's async appender hands
 * events to its queue under a lock; Netty 4.2's adaptive allocator (used by Lettuce) guards its magazines with a
 * StampedLock. Both can park for a moment when contended. Lettuce's {@code SharedLock} lets many writers share one
 * connection and parks a writer only while a reconnect or close holds it exclusively, or for a moment when event loops
 * contend for it: it does no I/O under the lock (the gateway's Redis limiter calls Lettuce from its event loops).
 *
 * <p>gateway-core's tests use this integration too (through this module's test jar).
 */
public final class ThrottlingBlockHoundIntegration implements BlockHoundIntegration {
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("ch.qos.logback.core.AsyncAppenderBase", "put");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
    }
}

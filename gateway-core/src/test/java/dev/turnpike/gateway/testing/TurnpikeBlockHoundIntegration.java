package dev.turnpike.gateway.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound may let pass in tests: short lock waits that are not I/O. Logback's async appender hands events
 * to its queue under a lock; Netty 4.2's adaptive allocator guards its magazines with a StampedLock. Both can park
 * for a moment when contended.
 */
public final class TurnpikeBlockHoundIntegration implements BlockHoundIntegration {
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("ch.qos.logback.core.AsyncAppenderBase", "put");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate");
    }
}

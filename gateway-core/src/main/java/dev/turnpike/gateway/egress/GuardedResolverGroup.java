package dev.turnpike.gateway.egress;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream clients' address resolver: resolves with the wrapped (non-blocking DNS) resolver, then drops the
 * addresses the {@link UpstreamAddressPolicy} refuses. IP literals go through it too (it never reports an address as
 * already resolved), so instances stored before a policy change are checked as well. When nothing is left the
 * connection fails with {@link RefusedAddressException} before any packet is sent to the address; the proxy answers
 * it like an unknown host (502, instance ejected for a while).
 */
public final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    private static final Logger log = LoggerFactory.getLogger(GuardedResolverGroup.class);

    private final AddressResolverGroup<InetSocketAddress> delegate;
    private final UpstreamAddressPolicy policy;

    public GuardedResolverGroup(AddressResolverGroup<InetSocketAddress> delegate, UpstreamAddressPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    /** An upstream address the policy refuses; no connection was attempted. */
    public static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Guarded(delegate.getResolver(executor), executor);
    }

    @Override
    public void close() {
        super.close();
        delegate.close();
    }

    private final class Guarded implements AddressResolver<InetSocketAddress> {
        private final AddressResolver<InetSocketAddress> resolver;
        private final EventExecutor executor;

        Guarded(AddressResolver<InetSocketAddress> resolver, EventExecutor executor) {
            this.resolver = resolver;
            this.executor = executor;
        }

        @Override
        public boolean isSupported(SocketAddress address) {
            return resolver.isSupported(address);
        }

        @Override
        public boolean isResolved(SocketAddress address) {
            return false; // so that literal addresses are checked as well
        }

        @Override
        public Future<InetSocketAddress> resolve(SocketAddress address) {
            return resolve(address, executor.newPromise());
        }

        @Override
        public Future<InetSocketAddress> resolve(SocketAddress address, Promise<InetSocketAddress> promise) {
            resolver.resolve(address).addListener((Future<InetSocketAddress> f) -> {
                if (!f.isSuccess()) {
                    promise.tryFailure(f.cause());
                    return;
                }
                Optional<String> refusal = policy.refusal(f.getNow());
                if (refusal.isPresent()) {
                    promise.tryFailure(refused(address, List.of(f.getNow()), refusal.get()));
                } else {
                    promise.trySuccess(f.getNow());
                }
            });
            return promise;
        }

        @Override
        public Future<List<InetSocketAddress>> resolveAll(SocketAddress address) {
            return resolveAll(address, executor.newPromise());
        }

        @Override
        public Future<List<InetSocketAddress>> resolveAll(SocketAddress address,
                                                          Promise<List<InetSocketAddress>> promise) {
            resolver.resolveAll(address).addListener((Future<List<InetSocketAddress>> f) -> {
                if (!f.isSuccess()) {
                    promise.tryFailure(f.cause());
                    return;
                }
                List<InetSocketAddress> kept = new ArrayList<>();
                String reason = null;
                for (InetSocketAddress resolved : f.getNow()) {
                    Optional<String> refusal = policy.refusal(resolved);
                    if (refusal.isEmpty()) {
                        kept.add(resolved);
                    } else {
                        reason = refusal.get();
                    }
                }
                if (kept.isEmpty()) {
                    promise.tryFailure(refused(address, f.getNow(), reason));
                } else {
                    promise.trySuccess(kept);
                }
            });
            return promise;
        }

        @Override
        public void close() {
            resolver.close();
        }
    }

    private static RefusedAddressException refused(SocketAddress requested, List<InetSocketAddress> resolved,
                                                   String reason) {
        String message = "upstream " + requested + " resolved to " + resolved + ", refused: " + reason;
        log.warn("Refused to connect: {}", message);
        return new RefusedAddressException(message);
    }
}

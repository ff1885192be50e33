package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.balance.CallOutcome;
import dev.turnpike.gateway.problem.ProblemType;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * How a failed upstream exchange is answered: which problem the client gets and what the failure says about the
 * instance (recorded on its endpoint, which may eject it).
 *
 * @param type    the problem to answer with
 * @param outcome what the failure says about the instance
 */
public record UpstreamFailure(ProblemType type, CallOutcome outcome) {

    /** Classifies {@code error} thrown by the upstream client. */
    public static UpstreamFailure classify(Throwable error) {
        Throwable e = error;
        for (int depth = 0; e != null && depth < 5; depth++, e = e.getCause()) {
            if (e instanceof ConnectTimeoutException) {
                return new UpstreamFailure(ProblemType.UPSTREAM_TIMEOUT, CallOutcome.CONNECT_FAILURE);
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException
                    || e instanceof UnknownHostException) {
                return new UpstreamFailure(ProblemType.UPSTREAM_FAILED, CallOutcome.CONNECT_FAILURE);
            }
            if (e instanceof ReadTimeoutException) {
                return new UpstreamFailure(ProblemType.UPSTREAM_TIMEOUT, CallOutcome.TIMEOUT);
            }
            if (e instanceof PrematureCloseException) {
                return new UpstreamFailure(ProblemType.UPSTREAM_FAILED, CallOutcome.RESET);
            }
            // reactor-netty shades reactor-pool; match its acquire failures by name rather than by an internal type.
            if (e.getClass().getSimpleName().startsWith("PoolAcquire")) {
                return new UpstreamFailure(ProblemType.NO_HEALTHY_INSTANCE, CallOutcome.CANCELLED);
            }
        }
        // Anything else (a connection reset, a malformed response) broke an exchange the instance had accepted.
        return new UpstreamFailure(ProblemType.UPSTREAM_FAILED, CallOutcome.RESET);
    }

    /** The client-facing detail: what happened, never internal addresses or stack traces. */
    public String detail(String poolId) {
        return switch (type) {
            case UPSTREAM_TIMEOUT -> "The upstream of pool " + poolId + " did not answer in time";
            case NO_HEALTHY_INSTANCE -> "The upstream pool " + poolId + " has no free connection";
            default -> "The upstream of pool " + poolId + " failed";
        };
    }
}

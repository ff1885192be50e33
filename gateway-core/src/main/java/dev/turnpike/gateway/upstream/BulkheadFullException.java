package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.registry.model.Criticality;

/**
 * The concurrency budget (bulkhead) of the API's criticality class is used up; the call was not sent and did not
 * wait. 503 {@code bulkhead-full} with {@code Retry-After: 1}.
 */
public final class BulkheadFullException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    public BulkheadFullException(Criticality criticality, Throwable cause) {
        super(ProblemType.BULKHEAD_FULL, "Too many " + criticality.name() + " upstream calls in flight", 1, null,
                cause);
    }
}

package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.catalog.CatalogSync;
import dev.turnpike.gateway.catalog.StoreUnavailableException;
import dev.turnpike.gateway.egress.UpstreamAddressPolicy;
import dev.turnpike.gateway.problem.Problem.FieldError;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.gateway.upstream.UpstreamTls;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.CatalogRuleException;
import dev.turnpike.registry.store.CatalogChange;
import dev.turnpike.registry.store.EntityNotFoundException;
import dev.turnpike.registry.store.StaleCatalogException;
import dev.turnpike.registry.store.VersionedCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes admin writes: plans the changes against the node's live catalog, checks that the result is valid and
 * servable, applies them to the store based on the live version, and publishes the stored result on this node
 * before returning. When another writer got there first (the store's version moved), it reloads, plans again
 * (re-checking {@code If-Match} and every rule against the newer catalog) and retries, a few times.
 *
 * <p>Thread-safe; blocking: call it off the event loop.
 */
final class CatalogWrites {
    private static final Logger log = LoggerFactory.getLogger(CatalogWrites.class);
    private static final int ATTEMPTS = 5;

    /** The changes to make to {@code current}; throws {@link AdminProblem} when the request does not fit it. */
    @FunctionalInterface
    interface Plan {
        List<CatalogChange> changes(Catalog current);
    }

    private final RoutingState routing;
    private final CatalogSync sync;
    private final UpstreamAddressPolicy upstreams;

    CatalogWrites(RoutingState routing, CatalogSync sync, UpstreamAddressPolicy upstreams) {
        this.routing = routing;
        this.sync = sync;
        this.upstreams = upstreams;
    }

    /** The version of {@link #current()}. */
    long currentVersion() {
        return routing.current().version();
    }

    /** The catalog this node serves now, which writes are based on. */
    Catalog current() {
        return routing.current().catalog();
    }

    /**
     * Plans and applies a write by {@code actor}.
     *
     * @return the catalog after the write, live on this node
     * @throws AdminProblem 4xx when the plan refuses, 400 when a value is invalid or a pool instance's address is
     *                      refused, 409 when the result breaks a catalog rule, 503 when the store is unreachable
     *                      (nothing changed then); anything else is a fault, thrown as it is (500)
     */
    Catalog write(String actor, Plan plan) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Planned on the sync thread, where this node's writes run one at a time: each sees the last.
                return sync.writeAndPublish(store -> {
                    RoutingSnapshot live = routing.current();
                    VersionedCatalog base = live.versioned();
                    List<CatalogChange> changes = plan.changes(base.catalog());
                    if (changes.isEmpty()) {
                        return base;
                    }
                    check(live, changes);
                    return store.apply(base, changes, actor);
                }).catalog();
            } catch (StaleCatalogException e) {
                if (attempt == ATTEMPTS) {
                    throw AdminProblem.conflict("The catalog changed " + ATTEMPTS + " times while this write was"
                            + " tried (expected: a quieter moment; retry)");
                }
                refresh(); // another node wrote: load its change, then plan again
            } catch (Exception e) {
                throw answer(e);
            }
        }
    }

    /**
     * Runs every check a {@link #write} of {@code changes} runs (upstream addresses, catalog rules, references,
     * servability) against the live catalog, writing nothing: the dry run of {@code POST /catalog?dryRun=true} and
     * {@code turnpike diff}.
     *
     * @throws AdminProblem the same 400, 404 or 409 the write would answer
     */
    void check(List<CatalogChange> changes) {
        if (!changes.isEmpty()) {
            check(routing.current(), changes);
        }
    }

    /**
     * Refuses changes that put a pool with a refused upstream address (400), whose result breaks a catalog rule (409)
     * or could not be served (409).
     */
    private void check(RoutingSnapshot live, List<CatalogChange> changes) {
        List<UpstreamAddressPolicy.Refused> refused = upstreams.violations(changes.stream()
                .filter(CatalogChange.PutPool.class::isInstance)
                .map(c -> ((CatalogChange.PutPool) c).pool())
                .toList());
        if (!refused.isEmpty()) {
            throw new AdminProblem(ProblemType.INVALID_REQUEST, "Upstream address refused: " + refused.stream()
                    .map(UpstreamAddressPolicy.Refused::toString).collect(Collectors.joining("; ")));
        }
        checkTlsFiles(changes);
        Catalog changed;
        try {
            changed = CatalogChange.applyAll(live.catalog(), changes);
        } catch (EntityNotFoundException e) {
            throw AdminProblem.notFound(e.entityType(), e.id());
        } catch (CatalogRuleException e) {
            throw AdminProblem.conflict(e);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.conflict("The change conflicts with the catalog: " + e.getMessage());
        }
        Optional<String> unservable = RoutingSnapshot.problem(changed, live);
        if (unservable.isPresent()) {
            throw AdminProblem.conflict("The change cannot be served: " + unservable.get());
        }
    }

    /**
     * Refuses (400) a pool put whose TLS files do not load on this node, the writing node: each problem is an error at
     * {@code /pools/{id}/tls/{field}}. Other nodes read the files when they build the pool's clients.
     */
    private static void checkTlsFiles(List<CatalogChange> changes) {
        List<FieldError> errors = new ArrayList<>();
        for (CatalogChange change : changes) {
            if (change instanceof CatalogChange.PutPool put && put.pool().tls().isPresent()) {
                for (UpstreamTls.Problem p : UpstreamTls.check(put.pool().tls().get())) {
                    errors.add(FieldError.at("/pools/" + put.pool().id() + "/tls/" + p.field(), p.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw AdminProblem.invalid(errors.size() == 1 ? "TLS file refused: " + errors.get(0).pointer() + ": "
                    + errors.get(0).detail() : "TLS files refused in " + errors.size() + " places", errors);
        }
    }

    /** Runs blocking store work on the sync thread; failures as {@link #answer}. */
    <T> T withStore(CatalogSync.StoreTask<T> task) {
        try {
            return sync.withStore(task);
        } catch (Exception e) {
            throw answer(e);
        }
    }

    /** Loads a newer catalog from the store now, if there is one (after key writes, which bump the version). */
    void refresh() {
        try {
            sync.refresh();
        } catch (Exception e) {
            throw answer(e);
        }
    }

    /**
     * What the client is told about {@code e}: 404 for an entity the store cannot find, 400 for a value the model or
     * the store cannot take (catalog-rule conflicts are 409s from {@code check}), 503 when the store is unreachable
     * or busy; anything else is a fault, returned as a runtime exception for the API to log and answer with 500.
     */
    private static RuntimeException answer(Exception e) {
        if (e instanceof AdminProblem problem) {
            return problem;
        }
        if (e instanceof EntityNotFoundException notFound) {
            return AdminProblem.notFound(notFound.entityType(), notFound.id());
        }
        if (e instanceof IllegalArgumentException invalid) {
            return new AdminProblem(ProblemType.INVALID_REQUEST, "The request is invalid: " + invalid.getMessage());
        }
        if (e instanceof StoreUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        return e instanceof RuntimeException fault ? fault : new IllegalStateException(e.getMessage(), e);
    }

    private static AdminProblem unavailable(StoreUnavailableException cause) {
        log.warn("Admin request refused: {}", cause.getMessage());
        if (cause.busy()) {
            return new AdminProblem(ProblemType.STORE_UNAVAILABLE, "The catalog store has too much work queued on"
                    + " this node; nothing was changed (expected: retry in a moment)", List.of(),
                    Map.of("Retry-After", "1"));
        }
        return new AdminProblem(ProblemType.STORE_UNAVAILABLE, "The catalog store cannot be reached; nothing was"
                + " changed (expected: retry once /health/ready reports the store UP)", List.of(),
                Map.of("Retry-After", "1"));
    }
}

package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.catalog.CatalogSync;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.CatalogRuleException;
import dev.turnpike.registry.store.CatalogChange;
import dev.turnpike.registry.store.EntityNotFoundException;
import dev.turnpike.registry.store.StaleCatalogException;
import dev.turnpike.registry.store.VersionedCatalog;
import java.util.List;
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

    CatalogWrites(RoutingState routing, CatalogSync sync) {
        this.routing = routing;
        this.sync = sync;
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
     * @throws AdminProblem 4xx when the plan refuses, 409 when the result breaks a catalog rule, 503 when the store
     *                      is unreachable (nothing changed then)
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
            } catch (AdminProblem e) {
                throw e;
            } catch (EntityNotFoundException e) {
                throw AdminProblem.notFound(e.entityType(), e.id());
            } catch (CatalogRuleException e) {
                throw AdminProblem.conflict(e);
            } catch (IllegalArgumentException e) {
                throw AdminProblem.conflict("The change conflicts with the catalog: " + e.getMessage());
            } catch (Exception e) {
                throw unavailable(e);
            }
        }
    }

    /**
     * Runs every check a {@link #write} of {@code changes} runs (catalog rules, references, servability) against the
     * live catalog, writing nothing: the dry run of {@code POST /catalog?dryRun=true} and {@code turnpike diff}.
     *
     * @throws AdminProblem the same 404 or 409 the write would answer
     */
    void check(List<CatalogChange> changes) {
        if (!changes.isEmpty()) {
            check(routing.current(), changes);
        }
    }

    /** Refuses changes whose result breaks a catalog rule (409) or could not be served (409). */
    private static void check(RoutingSnapshot live, List<CatalogChange> changes) {
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

    /** Runs blocking store work on the sync thread; any failure is the store being unreachable (503). */
    <T> T withStore(CatalogSync.StoreTask<T> task) {
        try {
            return sync.withStore(task);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof EntityNotFoundException notFound) {
                throw AdminProblem.notFound(notFound.entityType(), notFound.id());
            }
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw AdminProblem.conflict(invalid.getMessage());
            }
            throw unavailable(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    /** Loads a newer catalog from the store now, if there is one (after key writes, which bump the version). */
    void refresh() {
        try {
            sync.refresh();
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    static AdminProblem unavailable(Throwable cause) {
        log.warn("Admin request failed: the catalog store is unreachable: {}", cause.toString());
        return new AdminProblem(ProblemType.STORE_UNAVAILABLE, "The catalog store cannot be reached; nothing was"
                + " changed (expected: retry once /health/ready reports the store UP)");
    }
}

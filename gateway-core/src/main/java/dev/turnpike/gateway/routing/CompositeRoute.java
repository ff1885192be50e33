package dev.turnpike.gateway.routing;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A composite endpoint compiled for the data plane: each part with its API resolved, the parts it waits for as
 * indexes, its effective deadline, and an order in which every part comes after the parts it waits for. Built once
 * per snapshot (and reused while the composite and the APIs it calls stay the same), so a request computes none of
 * it.
 *
 * @param composite the composite as in the catalog
 * @param parts     the parts in the composite's order (the order of the merged answer)
 * @param order     indexes into {@code parts}, each part after those it waits for (declaration order otherwise)
 */
public record CompositeRoute(Composite composite, List<PlannedPart> parts, List<Integer> order)
        implements RouteTarget {

    /**
     * One part, ready to run.
     *
     * @param part      the part as in the catalog
     * @param api       the API it calls, as in the snapshot's catalog
     * @param waitsFor  indexes of the parts whose results it uses (empty: it starts at once)
     * @param timeout   its own deadline, at most the composite's
     */
    public record PlannedPart(CompositePart part, Api api, List<Integer> waitsFor, Duration timeout) {
        public PlannedPart {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(api, "api");
            waitsFor = List.copyOf(waitsFor);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    public CompositeRoute {
        Objects.requireNonNull(composite, "composite");
        parts = List.copyOf(parts);
        order = List.copyOf(order);
    }

    /** The plan of {@code composite} over the APIs of {@code catalog} (which has every API the parts call). */
    public static CompositeRoute plan(Composite composite, Catalog catalog) {
        Map<String, Integer> index = new HashMap<>();
        List<CompositePart> declared = composite.parts();
        for (int i = 0; i < declared.size(); i++) {
            index.put(declared.get(i).name(), i);
        }
        List<PlannedPart> parts = new ArrayList<>(declared.size());
        for (CompositePart part : declared) {
            List<Integer> waitsFor = Composite.dependencies(part).stream().map(index::get).toList();
            Duration timeout = part.timeout().filter(t -> t.compareTo(composite.timeout()) < 0)
                    .orElse(composite.timeout());
            parts.add(new PlannedPart(part, Objects.requireNonNull(catalog.api(part.api()), part.api()), waitsFor,
                    timeout));
        }
        return new CompositeRoute(composite, parts, order(parts));
    }

    /** Whether this plan still holds for {@code composite} in {@code catalog}: same composite, same API objects. */
    boolean holdsFor(Composite next, Catalog catalog) {
        if (next != composite && !next.equals(composite)) {
            return false;
        }
        for (PlannedPart p : parts) {
            Api api = catalog.api(p.api().id());
            if (api != p.api() && !p.api().equals(api)) {
                return false;
            }
        }
        return true;
    }

    /** Kahn's algorithm, taking the lowest ready index first: the composite's own checks exclude cycles. */
    private static List<Integer> order(List<PlannedPart> parts) {
        int n = parts.size();
        int[] waiting = new int[n];
        List<List<Integer>> dependents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            waiting[i] = parts.get(i).waitsFor().size();
            for (int d : parts.get(i).waitsFor()) {
                dependents.get(d).add(i);
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(i);
            for (int next : dependents.get(i)) {
                if (--waiting[next] == 0) {
                    ready.add(next);
                }
            }
        }
        return order;
    }
}

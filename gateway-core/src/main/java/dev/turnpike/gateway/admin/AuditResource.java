package dev.turnpike.gateway.admin;

import dev.turnpike.registry.store.AuditEntry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /audit?limit=N}: the latest changes, newest first (default 100, at most 1000). */
final class AuditResource {
    private final CatalogWrites writes;

    AuditResource(CatalogWrites writes) {
        this.writes = writes;
    }

    void register(AdminRouter router) {
        router.add("GET", "/audit", 0, this::latest);
    }

    private AdminResponse latest(AdminRequest request) {
        for (String name : request.query().keySet()) {
            if (!name.equals("limit")) {
                throw AdminProblem.invalidParameter(name, "unknown parameter (expected one of: limit)");
            }
        }
        String text = request.queryParam("limit");
        int limit = Listing.DEFAULT_LIMIT;
        if (text != null) {
            try {
                limit = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > Listing.MAX_LIMIT) {
                throw AdminProblem.invalidParameter("limit", "\"" + text + "\" (expected: a whole number 1.."
                        + Listing.MAX_LIMIT + ")");
            }
        }
        int n = limit;
        record Page(List<AuditEntry> entries, long total) {
        }
        Page page = writes.withStore(store -> new Page(store.auditLog(n), store.auditLogSize()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.entries().stream().map(AuditResource::write).toList());
        body.put("total", page.total()); // the whole log's size, as "total" means in every list
        body.put("limit", n);
        return AdminResponse.json(HttpResponseStatus.OK, body);
    }

    private static Map<String, Object> write(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", e.version());
        m.put("actor", e.actor());
        m.put("at", e.at().toString());
        m.put("entityType", e.entityType());
        m.put("entityId", e.entityId());
        m.put("action", e.action());
        m.put("before", e.before());
        m.put("after", e.after());
        return m;
    }
}

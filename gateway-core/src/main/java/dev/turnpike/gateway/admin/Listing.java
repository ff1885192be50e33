package dev.turnpike.gateway.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One page of a list endpoint: text search {@code q} (case-insensitive substring of any search field), exact
 * filters such as {@code team} and {@code lifecycle}, then {@code offset} and {@code limit}. The answer is
 * {@code {"items": [...], "total": n, "offset": o, "limit": l, "next": "/admin/v1/...?offset=..."}}, {@code total}
 * counting every match and {@code next} present while there are more. Unknown query parameters are a 400. A listing
 * may offer other {@code view}s of its items (the APIs' {@code summary} leaves out the OpenAPI documents).
 *
 * <p>Searching reads each item's search text: lower-cased and joined once per entity object when the listing is
 * {@link #indexed()} (the catalog keeps unchanged entities as the same objects from version to version, so only
 * changed ones are joined again), else on every request. Thread-safe.
 *
 * @param <T> the listed entity
 */
final class Listing<T> {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Function<T, List<String>> searchFields;
    private final Map<String, BiPredicate<T, String>> filters = new LinkedHashMap<>();
    private final Map<String, Function<T, Object>> views = new LinkedHashMap<>();
    /** Search text by entity identity (weak keys compare by identity), when indexed. */
    private Cache<T, String> searchTexts;

    /** @param searchFields the texts {@code q} is looked for in (name, id, team, path...) */
    Listing(Function<T, List<String>> searchFields) {
        this.searchFields = searchFields;
    }

    /** Keeps each entity object's search text while the object lives, for collections that grow large. */
    Listing<T> indexed() {
        searchTexts = Caffeine.newBuilder().weakKeys().build();
        return this;
    }

    /** Adds the value {@code name} of the {@code view} parameter: items are written by {@code write} instead. */
    Listing<T> view(String name, Function<T, Object> write) {
        views.put(name, write);
        return this;
    }

    /** Adds the filter parameter {@code name}: an item stays when {@code test(item, value)}. */
    Listing<T> filter(String name, BiPredicate<T, String> test) {
        filters.put(name, test);
        return this;
    }

    /** The page {@code request} asks for, each item written by {@code write}. */
    AdminResponse page(AdminRequest request, List<T> all, Function<T, Object> write) {
        for (String name : request.query().keySet()) {
            if (!name.equals("q") && !name.equals("limit") && !name.equals("offset") && !filters.containsKey(name)
                    && !(name.equals("view") && !views.isEmpty())) {
                List<String> known = new ArrayList<>(List.of("q", "limit", "offset"));
                known.addAll(filters.keySet());
                if (!views.isEmpty()) {
                    known.add("view");
                }
                throw AdminProblem.invalidParameter(name, "unknown parameter (expected one of: "
                        + String.join(", ", known) + ")");
            }
        }
        int limit = number(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = number(request, "offset", 0, 0, Integer.MAX_VALUE);
        Function<T, Object> writer = writer(request, write);
        String q = request.queryParam("q");
        String needle = q == null || q.isBlank() ? null : q.trim().toLowerCase(Locale.ROOT);
        List<T> matches = new ArrayList<>();
        for (T item : all) {
            if (needle != null && !searchText(item).contains(needle)) {
                continue;
            }
            boolean keep = true;
            for (Map.Entry<String, BiPredicate<T, String>> f : filters.entrySet()) {
                String value = request.queryParam(f.getKey());
                if (value != null && !f.getValue().test(item, value)) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                matches.add(item);
            }
        }
        List<Object> items = matches.subList(Math.min(offset, matches.size()),
                (int) Math.min((long) offset + limit, matches.size())).stream().map(writer).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", matches.size());
        body.put("offset", offset);
        body.put("limit", limit);
        if ((long) offset + limit < matches.size()) {
            QueryStringEncoder next = new QueryStringEncoder(request.path());
            for (String name : request.query().keySet()) {
                if (!name.equals("offset") && !name.equals("limit")) {
                    next.addParam(name, request.queryParam(name));
                }
            }
            next.addParam("limit", Integer.toString(limit));
            next.addParam("offset", Integer.toString(offset + limit));
            body.put("next", next.toString());
        }
        return AdminResponse.json(HttpResponseStatus.OK, body);
    }

    private Function<T, Object> writer(AdminRequest request, Function<T, Object> write) {
        String view = request.queryParam("view");
        if (view == null) {
            return write;
        }
        Function<T, Object> writer = views.get(view);
        if (writer == null) {
            throw AdminProblem.invalidParameter("view", "\"" + view + "\" (expected one of: "
                    + String.join(", ", views.keySet()) + ")");
        }
        return writer;
    }

    /** The item's search fields, lower case, separated by a line feed (which a trimmed query rarely holds). */
    private String searchText(T item) {
        return searchTexts == null ? joinSearchFields(item) : searchTexts.get(item, this::joinSearchFields);
    }

    private String joinSearchFields(T item) {
        return String.join("\n", searchFields.apply(item)).toLowerCase(Locale.ROOT);
    }

    private static int number(AdminRequest request, String name, int fallback, int min, int max) {
        String text = request.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AdminProblem.invalidParameter(name, "\"" + text + "\" (expected: a whole number " + min + ".."
                + (max == Integer.MAX_VALUE ? "" : max) + ")");
    }
}

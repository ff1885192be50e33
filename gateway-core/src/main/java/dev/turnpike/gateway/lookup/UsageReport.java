package dev.turnpike.gateway.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.problem.Problem.FieldError;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Subscription;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's report of its direct calls ({@code POST /_turnpike/lookup/v1/usage}), parsed and validated:
 * {@code {"usage": [{"api": "products", "day": "2026-12-07", "calls": 120, "errors": 2}, ...]}}. At most
 * {@value #MAX_ENTRIES} entries; each names an API the reporting consumer is subscribed to with {@code direct: true}
 * (a client reports for itself only: the consumer is the key's), a day that is today or yesterday in the quota zone
 * (a report sent just after midnight), {@code 1..}{@value #MAX_CALLS} calls and {@code 0..calls} errors. Either every
 * entry is valid or the report is refused whole.
 *
 * @param entries the valid entries (empty when {@code errors} is not)
 * @param errors  every problem found, by JSON pointer
 */
record UsageReport(List<Entry> entries, List<FieldError> errors) {
    /** Largest body read, in bytes. */
    static final int MAX_BODY = 64 * 1024;
    /** Most entries in one report. */
    static final int MAX_ENTRIES = 100;
    /** Most calls in one entry. */
    static final long MAX_CALLS = 1_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One API x day count. */
    record Entry(String api, LocalDate day, long calls, long errors) {
    }

    /** Parses {@code body}, a report of {@code consumer}'s calls, as of {@code today}. */
    static UsageReport parse(byte[] body, Catalog catalog, String consumer, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return new UsageReport(List.of(), List.of(FieldError.at("", "not JSON (expected: {\"usage\": [...]})")));
        }
        JsonNode usage = root == null ? null : root.get("usage");
        if (usage == null || !usage.isArray()) {
            return new UsageReport(List.of(), List.of(FieldError.at("/usage", "missing (expected: an array)")));
        }
        if (usage.isEmpty() || usage.size() > MAX_ENTRIES) {
            return new UsageReport(List.of(), List.of(FieldError.at("/usage", usage.size()
                    + " entries (expected: 1.." + MAX_ENTRIES + ")")));
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < usage.size(); i++) {
            JsonNode e = usage.get(i);
            String at = "/usage/" + i;
            String api = e.path("api").asText(null);
            Subscription s = api == null ? null : catalog.subscription(consumer, api);
            if (api == null || !e.get("api").isTextual()) {
                errors.add(FieldError.at(at + "/api", "missing (expected: an API id)"));
            } else if (s == null || !s.direct()) {
                errors.add(FieldError.at(at + "/api", "\"" + api + "\" (expected: an API consumer " + consumer
                        + " is subscribed to with direct: true)"));
            }
            LocalDate day = null;
            try {
                day = LocalDate.parse(e.path("day").asText(""));
                if (day.isAfter(today) || day.isBefore(today.minusDays(1))) {
                    errors.add(FieldError.at(at + "/day", day + " (expected: " + today.minusDays(1) + " or "
                            + today + ")"));
                }
            } catch (DateTimeParseException ex) {
                errors.add(FieldError.at(at + "/day", "\"" + e.path("day").asText("") + "\" (expected: a date such as "
                        + today + ")"));
            }
            JsonNode calls = e.get("calls");
            JsonNode errs = e.get("errors");
            boolean callsOk = calls != null && calls.canConvertToLong() && calls.isIntegralNumber()
                    && calls.asLong() >= 1 && calls.asLong() <= MAX_CALLS;
            if (!callsOk) {
                errors.add(FieldError.at(at + "/calls", (calls == null ? "missing" : calls.toString())
                        + " (expected: 1.." + MAX_CALLS + ")"));
            }
            long n = callsOk ? calls.asLong() : 0;
            boolean errsOk = errs == null || errs.isIntegralNumber() && errs.canConvertToLong() && errs.asLong() >= 0
                    && errs.asLong() <= n;
            if (!errsOk) {
                errors.add(FieldError.at(at + "/errors", errs + " (expected: 0..calls)"));
            }
            if (errors.isEmpty()) {
                entries.add(new Entry(api, day, n, errs == null ? 0 : errs.asLong()));
            }
        }
        return errors.isEmpty() ? new UsageReport(List.copyOf(entries), List.of())
                : new UsageReport(List.of(), List.copyOf(errors));
    }
}

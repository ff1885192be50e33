package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.problem.ProblemType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Strong entity tags of catalog entities and the {@code If-Match} check. A tag is a hash of the entity's
 * representation (the JSON of its catalog file form, fields in their fixed order), so equal entities have equal
 * tags on every node and any change to the entity changes its tag.
 */
final class EntityTags {
    private EntityTags() {
    }

    /** The quoted tag of {@code representation}: the first 128 bits of its SHA-256, in hex. */
    static String of(Map<String, Object> representation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(AdminResponse.toJson(representation));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Throws 412 unless {@code ifMatch} (the header's value, or {@code null} when absent) matches the current entity:
     * absent always matches; {@code *} matches any existing entity; else one of the listed tags must be the
     * current one. {@code current} is {@code null} when the entity does not exist.
     */
    static void check(String ifMatch, Map<String, Object> current) {
        if (ifMatch == null) {
            return;
        }
        String value = ifMatch.trim();
        if (current == null) {
            throw new AdminProblem(ProblemType.PRECONDITION_FAILED,
                    "If-Match: " + value + " (expected: the ETag of an existing entity; there is none)");
        }
        if (value.equals("*")) {
            return;
        }
        String tag = of(current);
        for (String candidate : value.split(",")) {
            if (candidate.trim().equals(tag)) {
                return;
            }
        }
        throw new AdminProblem(ProblemType.PRECONDITION_FAILED, "If-Match: " + value + " (expected: " + tag
                + ", the current ETag; the entity changed since it was read)");
    }
}

package dev.turnpike.registry.model;

import java.util.regex.Pattern;

/** The id format shared by APIs, pools, teams and consumers: lower-case letters, digits and dashes. */
public final class Slug {
    /** 1..64 characters, starting with a letter or digit. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Slug() {
    }

    /** Whether {@code value} is a valid id. */
    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** Returns {@code value} or throws with the field name and what was expected. */
    public static String require(String field, String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "null" : "\"" + value + "\"")
                    + " (expected: 1-64 of a-z, 0-9, '-', starting with a letter or digit)");
        }
        return value;
    }
}

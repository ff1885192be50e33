package dev.turnpike.gateway.pipeline;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed key for a value that one filter leaves on the {@link Exchange} for later ones, instead of a map of string
 * keys. Keys are constants: {@code static final ContextKey<RouteMatch<?>> ROUTE = ContextKey.named("route")}.
 *
 * @param <T> the type of the value
 */
public final class ContextKey<T> {
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final String name;
    private final int index;

    private ContextKey(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.index = NEXT_INDEX.getAndIncrement();
    }

    /** A new key; create each key once, as a constant. */
    public static <T> ContextKey<T> named(String name) {
        return new ContextKey<>(name);
    }

    int index() {
        return index;
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.turnpike.gateway.routing;

/**
 * One position in the frozen route trie: the routes that end here, the routes whose {@code /**} starts here, and
 * the children for the next path segment (literal ones by hash, at most one {@code {param}} child).
 * Thread-safe: immutable.
 *
 * @param literals      children by literal segment text
 * @param param         the child for any one non-empty segment, or {@code null}
 * @param here          routes ending exactly here, or {@code null}
 * @param rest          routes ending in {@code /**} here, or {@code null}
 * @param <T>           the value type
 */
record Node<T>(LiteralTable<Node<T>> literals, Node<T> param, MethodLeaves<T> here, MethodLeaves<T> rest) {
}

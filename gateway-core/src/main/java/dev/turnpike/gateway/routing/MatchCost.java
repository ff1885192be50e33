package dev.turnpike.gateway.routing;

/**
 * The work one lookup in a {@link RouteTable} did: trie nodes entered and hash-table slots probed. It proves in
 * tests, without timing anything, that matching does not get slower as the table grows.
 *
 * <p>Mutable and confined to the thread doing the lookup.
 */
final class MatchCost {
    /** Trie nodes entered, including catch-all checks. */
    int nodes;
    /** Slots of literal and host hash tables compared. */
    int probes;

    /** Nodes plus probes. */
    int total() {
        return nodes + probes;
    }

    @Override
    public String toString() {
        return "MatchCost[nodes=" + nodes + ", probes=" + probes + "]";
    }
}

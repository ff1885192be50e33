package dev.turnpike.gateway.server.conformance;

import dev.turnpike.gateway.testing.RawEchoUpstream.Received;
import java.util.List;
import java.util.function.Consumer;

/**
 * One case of the raw-socket conformance suite: exact bytes sent on a fresh connection, the statuses expected back in
 * order, how many requests must reach the upstream, whether the gateway must close the connection, and a check of
 * exactly what the upstream received.
 *
 * @param group     what the case is about (host, framing, target, ...)
 * @param name      what it sends, in a few words
 * @param bytes     the request bytes, CRLFs included (ISO-8859-1)
 * @param statuses  every response expected, in order
 * @param problem   the problem type slug of the last response when it is a refusal, else {@code null}
 * @param forwarded how many requests the upstream must receive
 * @param closed    whether the gateway must close the connection after the last response
 * @param check     assertions on what the upstream received
 */
record ConformanceCase(String group, String name, String bytes, List<Integer> statuses, String problem,
                       int forwarded, boolean closed, Consumer<List<Received>> check) {

    /** A request the gateway must forward once and answer with the upstream's 200, keeping the connection. */
    static ConformanceCase ok(String group, String name, String bytes, Consumer<Received> check) {
        return new ConformanceCase(group, name, bytes, List.of(200), null, 1, false, r -> check.accept(r.get(0)));
    }

    /** A request the gateway must refuse with {@code status} and problem {@code type}, forward nothing, and close. */
    static ConformanceCase refused(String group, String name, String bytes, int status, String type) {
        return new ConformanceCase(group, name, bytes, List.of(status), type, 0, true, r -> { });
    }

    /** A gateway-made answer that is not a refusal of the connection (404, 405): nothing forwarded, kept open. */
    static ConformanceCase answered(String group, String name, String bytes, int status, String type) {
        return new ConformanceCase(group, name, bytes, List.of(status), type, 0, false, r -> { });
    }

    /** Several responses on one connection (pipelining). */
    static ConformanceCase sequence(String group, String name, String bytes, List<Integer> statuses, String problem,
                                    int forwarded, boolean closed, Consumer<List<Received>> check) {
        return new ConformanceCase(group, name, bytes, statuses, problem, forwarded, closed, check);
    }

    @Override
    public String toString() {
        return group + ": " + name;
    }
}

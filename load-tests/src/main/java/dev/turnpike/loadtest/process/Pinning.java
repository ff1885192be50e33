package dev.turnpike.loadtest.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which cores the load generator and the servers run on. With taskset and at least two cores, the load generator
 * gets the first core and every server (stub, nginx, gateway) the rest, so that the client's work does not steal
 * the servers' CPU. Otherwise nothing is pinned, and {@link #describe()} says so.
 *
 * @param taskset     taskset, if pinning is on
 * @param loadCpus    cpu list for load generators, e.g. {@code 0}
 * @param serverCpus  cpu list for servers, e.g. {@code 1} or {@code 1-7}
 */
public record Pinning(Optional<String> taskset, String loadCpus, String serverCpus) {

    /** Pins when taskset exists and the machine has at least two cores. */
    public static Pinning choose(Tools tools, int cores) {
        if (tools.taskset().isEmpty() || cores < 2) {
            return new Pinning(Optional.empty(), "", "");
        }
        String servers = cores == 2 ? "1" : "1-" + (cores - 1);
        return new Pinning(tools.taskset().map(Object::toString), "0", servers);
    }

    /** {@code command} prefixed to run on the load generator's cores. */
    public List<String> load(List<String> command) {
        return prefix(loadCpus, command);
    }

    /** {@code command} prefixed to run on the servers' cores. */
    public List<String> server(List<String> command) {
        return prefix(serverCpus, command);
    }

    /** One line for the report. */
    public String describe() {
        return taskset.isEmpty()
                ? "none (taskset missing or fewer than 2 cores)"
                : "load generator on cpu " + loadCpus + ", servers (stub, nginx, gateway) on cpu " + serverCpus
                        + " (taskset -c)";
    }

    private List<String> prefix(String cpus, List<String> command) {
        if (taskset.isEmpty()) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of(taskset.get(), "-c", cpus));
        out.addAll(command);
        return out;
    }
}

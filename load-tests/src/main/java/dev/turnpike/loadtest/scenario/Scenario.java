package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.report.Table;
import java.util.List;

/**
 * One benchmark the harness can run by name ({@code run.sh proxy latency}). It starts what it needs through the
 * context's supervisor, stops it before returning, and answers with its tables; a scenario that cannot run here
 * returns a table whose note says why, rather than numbers it did not measure.
 */
public interface Scenario {
    /** The name used on the command line. */
    String name();

    /** Runs the scenario. */
    List<Table> run(ScenarioContext ctx) throws Exception;
}

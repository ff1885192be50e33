package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.report.Table;
import java.util.List;

/**
 * {@code reload}: p99 during 50 catalog changes per second at 10,000 routes and the time from an admin write to the
 * change being served. It needs the admin write API, which does not exist yet (issue 3); until then the scenario
 * says so instead of measuring something else under its name.
 */
public final class ReloadScenario implements Scenario {
    /** The line printed instead of a result. */
    static final String SKIPPED = "reload: skipped — needs the admin write API (issue 3)";

    @Override
    public String name() {
        return "reload";
    }

    @Override
    public List<Table> run(ScenarioContext ctx) {
        ctx.progress().step(SKIPPED);
        return List.of(new Table("reload — catalog changes under load", List.of("status")).row(List.of(SKIPPED)));
    }
}

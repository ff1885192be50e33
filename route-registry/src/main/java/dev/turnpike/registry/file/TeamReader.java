package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Slug;
import dev.turnpike.registry.model.Team;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code teams:} list of one catalog file. */
final class TeamReader {
    static final List<String> TEAM_FIELDS = List.of("id", "name", "contact", "description");

    /** A team as read; {@code id} is set whenever the id itself was valid (see {@link PoolReader.Placed}). */
    record Placed(Team team, String id, YamlFields fields) {
    }

    private final String source;
    private final ViolationCollector violations;

    TeamReader(String source, ViolationCollector violations) {
        this.source = source;
        this.violations = violations;
    }

    List<Placed> read(List<YamlNode> items) {
        List<Placed> teams = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Placed team = readOne(items.get(i), "teams[" + i + "]");
            if (team != null) {
                teams.add(team);
            }
        }
        return teams;
    }

    /** One team at {@code path}; {@code null} if it is not even a mapping (reported). */
    Placed readOne(YamlNode node, String path) {
        YamlFields f = YamlFields.of(node, path, source, violations, TEAM_FIELDS);
        if (f == null) {
            return null;
        }
        int before = violations.size();
        String id = f.requiredText("id", "a team id");
        if (id != null) {
            f.check(() -> Slug.require("id", id));
        }
        String name = f.text("name", id);
        String contact = f.text("contact", "");
        String description = f.text("description", "");
        String validId = Slug.isValid(id) ? id : null;
        return new Placed(violations.size() > before ? null : new Team(id, name, contact, description),
                validId, f);
    }
}

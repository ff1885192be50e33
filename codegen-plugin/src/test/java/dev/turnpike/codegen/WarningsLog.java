package dev.turnpike.codegen;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CodegenLog} for tests: drops progress, keeps the warnings. */
final class WarningsLog implements CodegenLog {
    /** The warnings so far, in order. */
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }
}

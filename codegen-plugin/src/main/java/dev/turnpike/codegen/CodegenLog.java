package dev.turnpike.codegen;

/** Where {@link ClientGenerator} reports progress (such as the Maven log). Never given secrets. */
public interface CodegenLog {
    /** Progress: what was generated, what was up to date. */
    void info(String message);

    /** Something the user should know, such as a cached document used because the gateway was unreachable. */
    void warn(String message);
}

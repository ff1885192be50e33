package dev.turnpike.gateway.cli;

import picocli.CommandLine;

/** {@code turnpike --version}: the jar's Implementation-Version and the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = TurnpikeCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "turnpike " + (version == null ? "development build" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}

package org.apiary.privhelper.host;

/**
 * Runs a command the backend built. The real implementation is {@link ProcessRunner}; tests
 * inject a recorder or the FreeBSD host simulator.
 */
public interface CommandRunner {
    CommandResult run(Command command);
}

package org.apiary.server;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one `apiary` binary. */
@Command(name = "apiary", mixinStandardHelpOptions = true, version = "apiary 0.1.0",
        description = "An OpenStack-compatible cloud for FreeBSD and Linux hosts.",
        subcommands = {AllInOneCommand.class, DbCommand.class, BootstrapCommand.class, FernetCommand.class,
                ConfigCommand.class, HelperCommand.class, AgentCommand.class})
public final class ApiaryMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Helidon logs through java.util.logging; send it to the same place as everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new ApiaryMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

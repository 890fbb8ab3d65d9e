package org.apiary.server;

import org.apiary.common.config.SampleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", description = "Configuration helpers.", subcommands = ConfigCommand.Sample.class)
final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("usage: apiary config sample [--markdown]");
    }

    @Command(name = "sample", description = "Print a commented sample apiary.conf with every option and its default.")
    static final class Sample implements Runnable {
        @Option(names = "--markdown", description = "Print a Markdown table instead (for docs/configuration.md).")
        boolean markdown;

        @Override
        public void run() {
            System.out.print(markdown ? SampleConfig.markdown(AllOptions.all()) : SampleConfig.render(AllOptions.all()));
        }
    }
}

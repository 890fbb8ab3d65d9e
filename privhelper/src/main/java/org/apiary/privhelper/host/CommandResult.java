package org.apiary.privhelper.host;

public record CommandResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    public static CommandResult success(String stdout) {
        return new CommandResult(0, stdout, "");
    }

    public static CommandResult failure(int code, String stderr) {
        return new CommandResult(code, "", stderr);
    }
}

package org.apiary.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** Typed view of an INI file; unset options take their declared default. */
public final class Config {
    private final IniFile ini;

    public Config(IniFile ini) {
        this.ini = ini;
    }

    public static Config empty() {
        return new Config(IniFile.empty());
    }

    public static Config load(Path file) throws IOException {
        return new Config(Files.exists(file) ? IniFile.read(file) : IniFile.empty());
    }

    public <T> T get(ConfigOption<T> option) {
        return ini.get(option.section(), option.name()).map(text -> {
            try {
                return option.type().parse(text);
            } catch (RuntimeException e) {
                throw new ConfigException(option.key() + ": invalid " + option.type().name() + " '" + text + "': "
                        + e.getMessage());
            }
        }).orElse(option.defaultValue());
    }

    public boolean isSet(ConfigOption<?> option) {
        return ini.get(option.section(), option.name()).isPresent();
    }

    /** Overrides an option in memory, as a command-line flag does. */
    public <T> Config with(ConfigOption<T> option, String value) {
        ini.set(option.section(), option.name(), value);
        return this;
    }

    /** Options present in the file that no module declares: usually typos worth a warning. */
    public Set<String> unknownKeys(Iterable<ConfigOption<?>> known) {
        Set<String> declared = new java.util.HashSet<>();
        known.forEach(o -> declared.add(o.key()));
        return ini.sections().entrySet().stream()
                .flatMap(s -> s.getValue().keySet().stream().map(k -> "[" + s.getKey() + "] " + k))
                .filter(k -> !declared.contains(k))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}

package org.apiary.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** oslo.config-style INI text: [section] headers, key = value lines, # and ; comments. */
public final class IniFile {
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    public static IniFile empty() {
        return new IniFile();
    }

    public static IniFile read(Path file) throws IOException {
        return parse(Files.readAllLines(file), file.toString());
    }

    public static IniFile parse(List<String> lines, String origin) {
        IniFile ini = new IniFile();
        String section = null;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new IllegalArgumentException(origin + ":" + lineNo + ": malformed section header: " + raw);
                }
                section = line.substring(1, line.length() - 1).strip();
                ini.sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(origin + ":" + lineNo + ": expected 'key = value': " + raw);
            }
            if (section == null) {
                throw new IllegalArgumentException(origin + ":" + lineNo + ": option outside of any [section]");
            }
            ini.sections.get(section).put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return ini;
    }

    public Optional<String> get(String section, String key) {
        Map<String, String> s = sections.get(section);
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(key));
    }

    public void set(String section, String key, String value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
    }

    public Map<String, Map<String, String>> sections() {
        return sections;
    }
}

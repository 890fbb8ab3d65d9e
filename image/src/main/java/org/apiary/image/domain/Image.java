package org.apiary.image.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image record: Glance's core attributes, its additional properties (string values, or null
 * for the schema's nullable ones such as kernel_id) and its tags. Data facts (size, checksums,
 * virtual size) are set only by the upload and import paths.
 */
public record Image(String id, String name, ImageStatus status, String visibility, boolean isProtected,
                    boolean osHidden, int minDisk, int minRam, String owner, String diskFormat,
                    String containerFormat, Long size, Long virtualSize, String checksum, String osHashAlgo,
                    String osHashValue, Instant createdAt, Instant updatedAt, Map<String, String> properties,
                    List<String> tags) {

    public Image {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        tags = List.copyOf(tags);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy, for create and for applying a JSON patch before the result is checked and saved. */
    public static final class Builder {
        public String id;
        public String name;
        public ImageStatus status;
        public String visibility;
        public boolean isProtected;
        public boolean osHidden;
        public int minDisk;
        public int minRam;
        public String owner;
        public String diskFormat;
        public String containerFormat;
        public Long size;
        public Long virtualSize;
        public String checksum;
        public String osHashAlgo;
        public String osHashValue;
        public Instant createdAt;
        public Instant updatedAt;
        public final Map<String, String> properties = new LinkedHashMap<>();
        public final List<String> tags = new ArrayList<>();

        public Builder() {}

        private Builder(Image i) {
            id = i.id;
            name = i.name;
            status = i.status;
            visibility = i.visibility;
            isProtected = i.isProtected;
            osHidden = i.osHidden;
            minDisk = i.minDisk;
            minRam = i.minRam;
            owner = i.owner;
            diskFormat = i.diskFormat;
            containerFormat = i.containerFormat;
            size = i.size;
            virtualSize = i.virtualSize;
            checksum = i.checksum;
            osHashAlgo = i.osHashAlgo;
            osHashValue = i.osHashValue;
            createdAt = i.createdAt;
            updatedAt = i.updatedAt;
            properties.putAll(i.properties);
            tags.addAll(i.tags);
        }

        /** Replaces the tags, dropping duplicates but keeping first-seen order. */
        public Builder tags(List<String> values) {
            tags.clear();
            values.stream().distinct().forEach(tags::add);
            return this;
        }

        public Image build() {
            return new Image(id, name, status, visibility, isProtected, osHidden, minDisk, minRam, owner, diskFormat,
                    containerFormat, size, virtualSize, checksum, osHashAlgo, osHashValue, createdAt, updatedAt,
                    properties, tags);
        }
    }
}

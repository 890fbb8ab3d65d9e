package org.apiary.image.store.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageQuery;
import org.apiary.image.domain.Viewer;

/**
 * Builds the SELECT behind GET /v2/images: Glance's visibility union (public and community
 * images, the viewer's own, and shared images the viewer is a member of with the requested
 * member status; everything for an admin), the filters, and keyset pagination after a marker
 * over the sort keys with created_at and id appended as tie-breakers, as Glance does. NULLs sort
 * as '' or 0 (COALESCE) so that every engine orders and pages the same way.
 */
final class ImageListSql {
    private static final Map<String, String> SORT_EXPR = Map.of(
            "name", "COALESCE(i.name, '')",
            "status", "i.status",
            "container_format", "COALESCE(i.container_format, '')",
            "disk_format", "COALESCE(i.disk_format, '')",
            "size", "COALESCE(i.size, 0)",
            "id", "i.id",
            "created_at", "i.created_at",
            "updated_at", "i.updated_at");
    private static final Map<String, String> TIME_OPS = Map.of("eq", "=", "neq", "<>", "gt", ">", "gte", ">=",
            "lt", "<", "lte", "<=");

    final StringBuilder sql = new StringBuilder();
    final Map<String, Object> binds = new LinkedHashMap<>();
    private int seq;

    ImageListSql(ImageQuery q, Image marker, Viewer viewer) {
        sql.append("SELECT ").append(SqlImageStore.COLUMNS).append(" FROM image_image i WHERE i.deleted_at IS NULL")
                .append(" AND i.status <> 'killed'");
        visibility(q, viewer);
        filters(q);
        List<ImageQuery.Sort> sort = withTieBreakers(q.sort());
        if (marker != null) {
            afterMarker(sort, marker);
        }
        sql.append(" ORDER BY ");
        for (int k = 0; k < sort.size(); k++) {
            ImageQuery.Sort s = sort.get(k);
            sql.append(k == 0 ? "" : ", ").append(SORT_EXPR.get(s.key())).append(s.ascending() ? " ASC" : " DESC");
        }
        sql.append(" LIMIT ").append(q.limit());
    }

    private String bind(Object value) {
        String name = "b" + seq++;
        binds.put(name, value);
        return ":" + name;
    }

    private void visibility(ImageQuery q, Viewer v) {
        String p = v.projectId();
        if (!v.admin()) {
            sql.append(" AND (i.visibility IN ('public', 'community')");
            if (p != null) {
                String pb = bind(p);
                sql.append(" OR i.owner = ").append(pb)
                        .append(" OR (i.visibility = 'shared' AND EXISTS (SELECT 1 FROM image_member m")
                        .append(" WHERE m.image_id = i.id AND m.member_id = ").append(pb);
                if (!"all".equals(q.memberStatus())) {
                    sql.append(" AND m.status = ").append(bind(q.memberStatus()));
                }
                sql.append("))");
            }
            sql.append(")");
        }
        if (q.visibility() != null) {
            if (!q.visibility().equals("all")) {
                sql.append(" AND i.visibility = ").append(bind(q.visibility()));
            }
        } else if (p == null) {
            sql.append(" AND i.visibility <> 'community'");
        } else {
            // Without a visibility filter, community images show only to their owner.
            sql.append(" AND (i.owner = ").append(bind(p)).append(" OR i.visibility <> 'community')");
        }
    }

    private void filters(ImageQuery q) {
        q.columnFilters().forEach((column, values) -> {
            if (values.size() == 1) {
                sql.append(" AND i.").append(column).append(" = ").append(bind(values.get(0)));
            } else {
                sql.append(" AND i.").append(column).append(" IN (");
                for (int k = 0; k < values.size(); k++) {
                    sql.append(k == 0 ? "" : ", ").append(bind(values.get(k)));
                }
                sql.append(")");
            }
        });
        q.numberFilters().forEach((column, value) ->
                sql.append(" AND i.").append(column).append(" = ").append(bind(value)));
        for (ImageQuery.TimeFilter t : q.timeFilters()) {
            sql.append(" AND i.").append(t.column()).append(' ').append(TIME_OPS.get(t.op())).append(' ')
                    .append(bind(t.value().toEpochMilli()));
        }
        if (q.owner() != null) {
            sql.append(" AND i.owner = ").append(bind(q.owner()));
        }
        if (q.isProtected() != null) {
            sql.append(" AND i.protected = ").append(bind(q.isProtected() ? 1 : 0));
        }
        sql.append(" AND i.os_hidden = ").append(bind(q.osHidden() ? 1 : 0));
        if (q.sizeMin() != null) {
            sql.append(" AND i.size >= ").append(bind(q.sizeMin()));
        }
        if (q.sizeMax() != null) {
            sql.append(" AND i.size <= ").append(bind(q.sizeMax()));
        }
        if (q.checksum() != null) {
            sql.append(" AND i.checksum = ").append(bind(q.checksum()));
        }
        if (q.osHashValue() != null) {
            sql.append(" AND i.os_hash_value = ").append(bind(q.osHashValue()));
        }
        for (String tag : q.tags()) {
            sql.append(" AND EXISTS (SELECT 1 FROM image_tag t WHERE t.image_id = i.id AND t.tag = ")
                    .append(bind(tag)).append(")");
        }
        q.properties().forEach((name, value) -> sql
                .append(" AND EXISTS (SELECT 1 FROM image_property p WHERE p.image_id = i.id AND p.name = ")
                .append(bind(name)).append(" AND p.value = ").append(bind(value)).append(")"));
    }

    private static List<ImageQuery.Sort> withTieBreakers(List<ImageQuery.Sort> sort) {
        List<ImageQuery.Sort> out = new ArrayList<>(sort);
        // Glance appends them in the request's one direction, else descending.
        boolean defaultAscending = !sort.isEmpty() && sort.stream().allMatch(ImageQuery.Sort::ascending);
        for (String key : List.of("created_at", "id")) {
            if (out.stream().noneMatch(s -> s.key().equals(key))) {
                out.add(new ImageQuery.Sort(key, defaultAscending));
            }
        }
        return out;
    }

    /** (k1 after m1) OR (k1 = m1 AND k2 after m2) OR ... — the rows that follow the marker. */
    private void afterMarker(List<ImageQuery.Sort> sort, Image m) {
        sql.append(" AND (");
        for (int k = 0; k < sort.size(); k++) {
            sql.append(k == 0 ? "(" : " OR (");
            for (int e = 0; e < k; e++) {
                sql.append(SORT_EXPR.get(sort.get(e).key())).append(" = ").append(bind(markerValue(sort.get(e).key(), m)))
                        .append(" AND ");
            }
            ImageQuery.Sort s = sort.get(k);
            sql.append(SORT_EXPR.get(s.key())).append(s.ascending() ? " > " : " < ")
                    .append(bind(markerValue(s.key(), m))).append(")");
        }
        sql.append(")");
    }

    private static Object markerValue(String key, Image m) {
        return switch (key) {
            case "name" -> m.name() == null ? "" : m.name();
            case "status" -> m.status().wire();
            case "container_format" -> m.containerFormat() == null ? "" : m.containerFormat();
            case "disk_format" -> m.diskFormat() == null ? "" : m.diskFormat();
            case "size" -> m.size() == null ? 0L : m.size();
            case "id" -> m.id();
            case "created_at" -> m.createdAt().toEpochMilli();
            case "updated_at" -> m.updatedAt().toEpochMilli();
            default -> throw new IllegalArgumentException("not a sort key: " + key);
        };
    }
}

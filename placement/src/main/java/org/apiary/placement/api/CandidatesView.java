package org.apiary.placement.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiary.common.json.Json;
import org.apiary.common.microversion.Microversion;
import org.apiary.placement.domain.candidates.AllocationCandidates;
import org.apiary.placement.domain.candidates.AllocationRequest;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.domain.candidates.RequestGroup;

/**
 * The GET /allocation_candidates body per microversion (upstream
 * {@code _transform_allocation_candidates}): 1.10 list-of-allocations form, 1.12 allocations
 * keyed by provider, 1.17 traits, 1.27 every inventory in the summaries, 1.29 tree position,
 * 1.34 mappings.
 *
 * <p>Answers run to hundreds of kilobytes at a thousand providers, so the writer streams with
 * Jackson and keeps the rendered summary of each provider: from 1.27 on a summary depends only
 * on the provider's own state and the microversion, and successive queries summarise mostly the
 * same, mostly unchanged providers. A kept rendering is reused only while the provider is equal
 * to the one it was rendered from, so a write (new usage, traits, ...) is never hidden.
 */
final class CandidatesView {
    private static final SerializedString ALLOCATIONS = new SerializedString("allocations");
    private static final SerializedString RESOURCES = new SerializedString("resources");
    private static final SerializedString MAPPINGS = new SerializedString("mappings");
    private static final SerializedString RESOURCE_PROVIDER = new SerializedString("resource_provider");
    private static final SerializedString UUID = new SerializedString("uuid");
    private static final SerializedString CAPACITY = new SerializedString("capacity");
    private static final SerializedString USED = new SerializedString("used");
    private static final byte[] HEAD = "{\"allocation_requests\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MIDDLE = ",\"provider_summaries\":{".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "}}".getBytes(StandardCharsets.UTF_8);

    /**
     * Upstream lists a provider's traits in trait-id order: the standard os-traits first (synced
     * at start-up), then CUSTOM_* ones as they were created. Without ids, standard-then-custom,
     * each alphabetical, is the closest stable order (gabbits compare these lists as written).
     */
    private static final Comparator<String> TRAIT_ORDER =
            Comparator.comparing((String t) -> t.startsWith("CUSTOM_")).thenComparing(Comparator.naturalOrder());

    /** A provider's rendered summary member ("uuid":{...}) and the state it was rendered from. */
    private static final class Rendered {
        final ProviderView view;
        final byte[] bytes;
        volatile long usedEpoch;

        Rendered(ProviderView view, byte[] bytes, long epoch) {
            this.view = view;
            this.bytes = bytes;
            this.usedEpoch = epoch;
        }
    }

    /** Snapshot changes after which renderings nobody used any more (deleted providers) are dropped. */
    private static final int KEEP_EPOCHS = 256;

    private final Map<Integer, Map<String, Rendered>> summaries = new ConcurrentHashMap<>();
    private volatile Object lastSnapshot;
    private volatile long epoch;

    /** What a microversion changes in the body. */
    private record Shape(boolean dict, boolean mappings, boolean traits, boolean allResources, boolean tree) {
        static Shape of(Microversion v) {
            return new Shape(v.atLeast("1.12"), v.atLeast("1.34"), v.atLeast("1.17"), v.atLeast("1.27"),
                    v.atLeast("1.29"));
        }

        int key() {
            return (traits ? 1 : 0) | (tree ? 2 : 0);
        }
    }

    byte[] render(AllocationCandidates found, CandidateRequest request, Microversion v) {
        Shape shape = Shape.of(v);
        int size = 64 + found.allocationRequests().size() * 160 + found.providerSummaries().size() * 320;
        ByteArrayOutputStream buf = new ByteArrayOutputStream(size);
        try {
            buf.write(HEAD);
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(buf)) {
                g.writeStartArray();
                for (AllocationRequest ar : found.allocationRequests()) {
                    if (shape.dict()) {
                        writeRequestDict(g, ar, shape.mappings());
                    } else {
                        writeRequestList(g, ar);
                    }
                }
                g.writeEndArray();
            }
            buf.write(MIDDLE);
            Set<String> requested = shape.allResources() ? null : requestedClasses(request);
            Map<String, Rendered> cached = shape.allResources() ? summaries(found.snapshotToken(), shape) : null;
            boolean first = true;
            for (ProviderView p : found.providerSummaries()) {
                if (!first) {
                    buf.write(',');
                }
                first = false;
                buf.write(cached == null ? summary(p, shape, requested) : cachedSummary(cached, p, shape));
            }
            buf.write(TAIL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private Map<String, Rendered> summaries(Object snapshot, Shape shape) {
        if (snapshot != lastSnapshot) {
            lastSnapshot = snapshot;
            long now = ++epoch;
            if (now % KEEP_EPOCHS == 0) {
                summaries.values().forEach(m -> m.values().removeIf(r -> r.usedEpoch < now - KEEP_EPOCHS));
            }
        }
        return summaries.computeIfAbsent(shape.key(), k -> new ConcurrentHashMap<>());
    }

    private byte[] cachedSummary(Map<String, Rendered> cached, ProviderView p, Shape shape) {
        Rendered r = cached.get(p.uuid());
        if (r == null || (r.view != p && !r.view.equals(p))) {
            r = new Rendered(p, summary(p, shape, null), epoch);
            cached.put(p.uuid(), r);
        } else {
            r.usedEpoch = epoch;
        }
        return r.bytes;
    }

    private static Set<String> requestedClasses(CandidateRequest request) {
        Set<String> requested = new HashSet<>();
        for (RequestGroup group : request.groups()) {
            requested.addAll(group.resources().keySet());
        }
        return requested;
    }

    /** 1.12+: {"allocations": {uuid: {"resources": {...}}}, "mappings": {...}}. */
    private static void writeRequestDict(JsonGenerator g, AllocationRequest ar, boolean mappings) throws IOException {
        g.writeStartObject();
        g.writeFieldName(ALLOCATIONS);
        g.writeStartObject();
        String open = null;
        for (AllocationRequest.ResourceAmount r : ar.resources()) {
            if (!r.providerUuid().equals(open)) {
                if (open != null) {
                    g.writeEndObject();
                    g.writeEndObject();
                }
                open = r.providerUuid();
                g.writeFieldName(open);
                g.writeStartObject();
                g.writeFieldName(RESOURCES);
                g.writeStartObject();
            }
            g.writeFieldName(r.resourceClass());
            g.writeNumber(r.amount());
        }
        if (open != null) {
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
        if (mappings) {
            g.writeFieldName(MAPPINGS);
            g.writeStartObject();
            for (Map.Entry<String, List<String>> m : ar.mappings().entrySet()) {
                g.writeFieldName(m.getKey());
                g.writeStartArray();
                for (String uuid : m.getValue()) {
                    g.writeString(uuid);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** 1.10/1.11: {"allocations": [{"resource_provider": {"uuid": u}, "resources": {...}}]}. */
    private static void writeRequestList(JsonGenerator g, AllocationRequest ar) throws IOException {
        g.writeStartObject();
        g.writeFieldName(ALLOCATIONS);
        g.writeStartArray();
        for (Map.Entry<String, Map<String, Long>> e : ar.byProvider().entrySet()) {
            g.writeStartObject();
            g.writeFieldName(RESOURCE_PROVIDER);
            g.writeStartObject();
            g.writeFieldName(UUID);
            g.writeString(e.getKey());
            g.writeEndObject();
            g.writeFieldName(RESOURCES);
            g.writeStartObject();
            for (Map.Entry<String, Long> a : e.getValue().entrySet()) {
                g.writeFieldName(a.getKey());
                g.writeNumber(a.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** One provider's "uuid":{...} member of provider_summaries. */
    private static byte[] summary(ProviderView p, Shape shape, Set<String> requested) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(384);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(buf)) {
            g.writeStartObject();
            g.writeFieldName(p.uuid());
            g.writeStartObject();
            g.writeFieldName(RESOURCES);
            g.writeStartObject();
            for (Map.Entry<String, Inventory> inv : p.inventories().entrySet()) {
                if (requested == null || requested.contains(inv.getKey())) {
                    g.writeFieldName(inv.getKey());
                    g.writeStartObject();
                    g.writeFieldName(CAPACITY);
                    g.writeNumber(inv.getValue().capacity());
                    g.writeFieldName(USED);
                    g.writeNumber(p.used(inv.getKey()));
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
            if (shape.traits()) {
                g.writeArrayFieldStart("traits");
                for (String t : p.traits().stream().sorted(TRAIT_ORDER).toList()) {
                    g.writeString(t);
                }
                g.writeEndArray();
            }
            if (shape.tree()) {
                g.writeStringField("parent_provider_uuid", p.parentUuid());
                g.writeStringField("root_provider_uuid", p.rootUuid());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] whole = buf.toByteArray();
        // Drop the wrapping braces: the caller places the member inside provider_summaries.
        return java.util.Arrays.copyOfRange(whole, 1, whole.length - 1);
    }
}

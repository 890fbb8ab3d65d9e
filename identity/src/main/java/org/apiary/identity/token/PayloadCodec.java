package org.apiary.identity.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Keystone's Fernet payload layout (keystone/token/token_formatters.py): a msgpack array whose
 * first element is the payload version. Ids that are UUID hex are packed as (true, 16 bytes),
 * others as (false, string); methods are a bit mask in the order of Keystone's default
 * [auth] methods; expiry is a float of epoch seconds; audit ids are their 16 raw bytes.
 */
public final class PayloadCodec {
    static final int UNSCOPED = 0;
    static final int DOMAIN_SCOPED = 1;
    static final int PROJECT_SCOPED = 2;
    static final int SYSTEM_SCOPED = 8;
    static final int APP_CRED_SCOPED = 9;

    /** Keystone's default [auth] methods; a method's bit is 2^index. */
    static final List<String> METHODS = List.of("external", "password", "token", "oauth1", "mapped",
            "application_credential");

    private PayloadCodec() {}

    public static byte[] encode(TokenPayload p) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            int version = version(p);
            int fields = switch (version) {
                case UNSCOPED -> 4;
                case APP_CRED_SCOPED -> 6;
                default -> 5;
            };
            out.packArrayHeader(fields + 1);
            out.packInt(version);
            packId(out, p.userId());
            out.packInt(methodBits(p.methods()));
            switch (version) {
                case DOMAIN_SCOPED -> packBareId(out, p.domainId());
                case PROJECT_SCOPED, APP_CRED_SCOPED -> packId(out, p.projectId());
                case SYSTEM_SCOPED -> out.packString(p.system());
                default -> { }
            }
            out.packDouble(p.expiresAt().toEpochMilli() / 1000.0);
            out.packArrayHeader(p.auditIds().size());
            for (String a : p.auditIds()) {
                byte[] raw = Base64.getUrlDecoder().decode(a);
                out.packBinaryHeader(raw.length);
                out.writePayload(raw);
            }
            if (version == APP_CRED_SCOPED) {
                packId(out, p.appCredId());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("msgpack encoding failed", e);
        }
    }

    /** Decodes a payload; throws IllegalArgumentException on anything not in Keystone's layout. */
    public static TokenPayload decode(byte[] bytes, Instant issuedAt) {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
            int n = in.unpackArrayHeader();
            int version = in.unpackInt();
            String userId = unpackId(in);
            List<String> methods = methodList(in.unpackInt());
            String projectId = null;
            String domainId = null;
            String system = null;
            switch (version) {
                case UNSCOPED -> { }
                case DOMAIN_SCOPED -> domainId = unpackBareId(in);
                case PROJECT_SCOPED, APP_CRED_SCOPED -> projectId = unpackId(in);
                case SYSTEM_SCOPED -> system = in.unpackString();
                default -> throw new IllegalArgumentException("unsupported token payload version " + version);
            }
            double expires = in.getNextFormat().getValueType() == ValueType.INTEGER ? in.unpackLong() : in.unpackDouble();
            int audits = in.unpackArrayHeader();
            List<String> auditIds = new ArrayList<>();
            for (int i = 0; i < audits; i++) {
                byte[] raw = in.readPayload(in.unpackBinaryHeader());
                auditIds.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            }
            String appCred = version == APP_CRED_SCOPED ? unpackId(in) : null;
            if (n != (version == UNSCOPED ? 5 : version == APP_CRED_SCOPED ? 7 : 6)) {
                throw new IllegalArgumentException("unexpected token payload length " + n);
            }
            return new TokenPayload(userId, methods, projectId, domainId, system,
                    Instant.ofEpochMilli(Math.round(expires * 1000)), auditIds, appCred, issuedAt);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed token payload: " + e.getMessage(), e);
        }
    }

    private static int version(TokenPayload p) {
        if (p.appCredId() != null) {
            return APP_CRED_SCOPED;
        }
        if (p.projectId() != null) {
            return PROJECT_SCOPED;
        }
        if (p.domainId() != null) {
            return DOMAIN_SCOPED;
        }
        return p.system() != null ? SYSTEM_SCOPED : UNSCOPED;
    }

    private static void packId(MessageBufferPacker out, String id) throws IOException {
        out.packArrayHeader(2);
        byte[] uuid = uuidBytes(id);
        if (uuid != null) {
            out.packBoolean(true);
            out.packBinaryHeader(16);
            out.writePayload(uuid);
        } else {
            out.packBoolean(false);
            out.packString(id);
        }
    }

    /** Domain-scoped payloads carry the domain id bare: UUID bytes, or the (default domain's) string. */
    private static void packBareId(MessageBufferPacker out, String id) throws IOException {
        byte[] uuid = uuidBytes(id);
        if (uuid != null) {
            out.packBinaryHeader(16);
            out.writePayload(uuid);
        } else {
            out.packString(id);
        }
    }

    private static String unpackBareId(MessageUnpacker in) throws IOException {
        if (in.getNextFormat().getValueType() == ValueType.BINARY) {
            byte[] raw = in.readPayload(in.unpackBinaryHeader());
            return raw.length == 16 ? hex(raw) : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
        return in.unpackString();
    }

    private static String hex(byte[] uuid) {
        ByteBuffer b = ByteBuffer.wrap(uuid);
        return new UUID(b.getLong(), b.getLong()).toString().replace("-", "");
    }

    private static String unpackId(MessageUnpacker in) throws IOException {
        if (in.unpackArrayHeader() != 2) {
            throw new IllegalArgumentException("id is not a pair");
        }
        boolean isUuid = in.unpackBoolean();
        if (isUuid) {
            return hex(in.readPayload(in.unpackBinaryHeader()));
        }
        if (in.getNextFormat().getValueType() == ValueType.BINARY) {
            return new String(in.readPayload(in.unpackBinaryHeader()), java.nio.charset.StandardCharsets.UTF_8);
        }
        return in.unpackString();
    }

    /** Keystone packs an id as UUID bytes only when it is 32 lowercase hex characters of a UUID. */
    private static byte[] uuidBytes(String id) {
        if (id == null || id.length() != 32 || !id.matches("[0-9a-f]{32}")) {
            return null;
        }
        return HexFormat.of().parseHex(id);
    }

    static int methodBits(List<String> methods) {
        int bits = 0;
        for (String m : methods) {
            int i = METHODS.indexOf(m);
            if (i >= 0) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    static List<String> methodList(int bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < METHODS.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(METHODS.get(i));
            }
        }
        return out;
    }
}

package org.apiary.image.domain;

/**
 * One JSON-patch operation on an image, already parsed and type-checked against the image
 * schema by the API: the attribute it touches and the new value (String, Boolean, Long,
 * List of String, or null).
 *
 * @param strictAdd "add" of an existing attribute is a conflict (the draft-4 media type)
 */
public record Change(Op op, String attribute, Object value, boolean strictAdd) {
    public enum Op { ADD, REPLACE, REMOVE }
}

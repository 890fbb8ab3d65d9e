package org.apiary.placement.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebobAcceptTest {
    @Test
    void htmlOnlyWhenPreferred() {
        assertThat(WebobAccept.prefersHtml("text/html")).isTrue();
        assertThat(WebobAccept.prefersHtml("text/*")).isTrue();
        assertThat(WebobAccept.prefersHtml("application/json")).isFalse();
        assertThat(WebobAccept.prefersHtml("*/*")).isFalse();
        assertThat(WebobAccept.prefersHtml("text/html, application/json")).isFalse();
        assertThat(WebobAccept.prefersHtml("text/html;q=0.9, application/json;q=0.5")).isTrue();
        assertThat(WebobAccept.prefersHtml("text/html;q=0.4, */*;q=0.5")).isFalse();
        assertThat(WebobAccept.prefersHtml("text/plain")).isFalse();
        assertThat(WebobAccept.prefersHtml("text/html;q=0")).isFalse();
        assertThat(WebobAccept.prefersHtml("garbage")).isFalse();
    }
}

package org.apiary.agent.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.apiary.common.config.Config;
import org.junit.jupiter.api.Test;

/** [glance] parsing, Keystone URL forms and the catalog lookup of the agent's Image API client. */
class ImageServiceSettingsTest {
    @Test
    void absentWithoutAuthUrlCheckedWithIt() {
        assertThat(ImageServiceSettings.from(Config.empty())).isEmpty();
        Config c = Config.empty().with(ImageServiceOptions.AUTH_URL, "http://ctl:5000/v3")
                .with(ImageServiceOptions.USERNAME, "apiary-compute").with(ImageServiceOptions.PASSWORD, "s3cret");
        ImageServiceSettings s = ImageServiceSettings.from(c).orElseThrow();
        assertThat(s.projectName()).isEqualTo("service");
        assertThat(s.userDomainName()).isEqualTo("Default");
        assertThat(s.interfaces()).containsExactly("internal", "public");
        assertThat(s.endpointOverride()).isNull();
        assertThat(s.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> ImageServiceSettings.from(Config.empty().with(ImageServiceOptions.AUTH_URL,
                "http://ctl:5000"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> ImageServiceSettings.from(Config.empty().with(ImageServiceOptions.AUTH_URL,
                "ctl:5000").with(ImageServiceOptions.USERNAME, "u").with(ImageServiceOptions.PASSWORD, "p")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[glance] auth_url");
    }

    @Test
    void keystoneAndGlanceUrlForms() {
        assertThat(ServiceSession.tokensUrl(URI.create("http://ctl:5000/v3"))).hasToString("http://ctl:5000/v3/auth/tokens");
        assertThat(ServiceSession.tokensUrl(URI.create("http://ctl:5000/"))).hasToString("http://ctl:5000/v3/auth/tokens");
        assertThat(ServiceSession.trimVersion(URI.create("http://ctl:9292/v2/"))).hasToString("http://ctl:9292");
        assertThat(ServiceSession.trimVersion(URI.create("http://ctl/image"))).hasToString("http://ctl/image");
    }

    @Test
    void catalogInterfacesInOrderOfPreferenceAndRegion() throws Exception {
        JsonNode catalog = ServiceSession.JSON.readTree("""
                [{"type": "identity", "endpoints": [{"interface": "internal", "region_id": "R1", "url": "http://k"}]},
                 {"type": "image", "endpoints": [
                   {"interface": "public", "region_id": "R1", "url": "http://pub1"},
                   {"interface": "internal", "region_id": "R2", "url": "http://int2"},
                   {"interface": "public", "region_id": "R2", "url": "http://pub2"}]}]""");
        assertThat(Catalogs.imageEndpoint(catalog, List.of("internal", "public"), null)).hasToString("http://int2");
        assertThat(Catalogs.imageEndpoint(catalog, List.of("public"), "R2")).hasToString("http://pub2");
        assertThat(Catalogs.imageEndpoint(catalog, List.of("internal", "public"), "R1")).hasToString("http://pub1");
        assertThatThrownBy(() -> Catalogs.imageEndpoint(catalog, List.of("admin"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("endpoint_override");
    }

    @Test
    void errorMessagesAsOpenstacksdkReadsThem() {
        assertThat(ErrorBodies.message("{\"message\": \"Image status transition from active to saving is not "
                + "allowed\", \"code\": \"409 Conflict\", \"title\": \"Conflict\"}")).startsWith("Image status");
        assertThat(ErrorBodies.message("{\"error\": {\"code\": 401, \"message\": \"The request you have made "
                + "requires authentication.\"}}")).startsWith("The request you have made");
        assertThat(ErrorBodies.message("<html>oops</html>")).isEqualTo("<html>oops</html>");
        assertThat(ErrorBodies.message("")).isEqualTo("(no body)");
    }
}

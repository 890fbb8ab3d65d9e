package org.apiary.placement.api;

/**
 * The one decision webob makes from Accept when it renders an error: of the offers
 * {@code text/html} and {@code application/json}, in that order, the acceptable one with the
 * highest quality wins. Only a clear preference for HTML changes our answer; an Accept that
 * allows neither keeps the JSON body (webob would send text/plain, which no client asks for).
 */
final class WebobAccept {
    private WebobAccept() {}

    static boolean prefersHtml(String accept) {
        double html = quality(accept, "text", "html");
        double json = quality(accept, "application", "json");
        return html > 0 && html > json;
    }

    /** The quality the header gives type/subtype: the most specific matching range decides. */
    static double quality(String accept, String type, String subtype) {
        double best = 0;
        int bestSpecificity = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.strip().split(";");
            String[] media = parts[0].strip().toLowerCase(java.util.Locale.ROOT).split("/", 2);
            if (media.length != 2) {
                continue;
            }
            int specificity;
            if (media[0].equals(type) && media[1].equals(subtype)) {
                specificity = 2;
            } else if (media[0].equals(type) && media[1].equals("*")) {
                specificity = 1;
            } else if (media[0].equals("*") && media[1].equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                best = q;
            }
        }
        return best;
    }
}

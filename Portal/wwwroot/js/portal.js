// The portal's little JavaScript: remembering the theme and copying to the clipboard. Loaded as a file, because
// the Content-Security-Policy allows no inline script.
window.portal = {
    // What the layout needs to know of the browser once, as one number (a primitive: no JSON contract per circuit):
    // 1 = the system prefers dark, 2 = narrower than MudBlazor's md breakpoint (the drawer starts closed).
    shellState: function () {
        return (matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0) |
            (matchMedia("(max-width: 959.98px)").matches ? 2 : 0);
    },

    rememberTheme: function (theme) {
        document.cookie = "portal-theme=" + (theme === "dark" ? "dark" : "light") +
            "; path=/; max-age=31536000; samesite=lax" + (location.protocol === "https:" ? "; secure" : "");
    },

    // Copies text; falls back to selecting the field and execCommand where the Clipboard API is unavailable
    // (plain http on a non-loopback host). Returns whether it worked.
    copyText: async function (text, fallbackElementId) {
        try {
            if (navigator.clipboard && window.isSecureContext) {
                await navigator.clipboard.writeText(text);
                return true;
            }
        } catch (e) {
            // fall through to the fallback
        }
        var field = fallbackElementId ? document.getElementById(fallbackElementId) : null;
        if (!field) {
            return false;
        }
        field.focus();
        field.select();
        return document.execCommand("copy");
    }
};

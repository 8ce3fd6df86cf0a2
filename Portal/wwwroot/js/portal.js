// The portal's little JavaScript: the shell's state, focus after navigation, the time zone, remembering the theme,
// copying to the clipboard and clickable rows. Loaded as a file, because the Content-Security-Policy allows no inline script.
window.portal = {
    // What the layout needs to know of the browser once, as one number (a primitive: no JSON contract per circuit):
    // 1 = the system prefers dark, 2 = narrower than MudBlazor's md breakpoint (the drawer starts closed).
    shellState: function () {
        return (matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0) |
            (matchMedia("(max-width: 959.98px)").matches ? 2 : 0);
    },

    // The browser's time zone as one string (a primitive, see shellState): "<offset from UTC in minutes> <IANA name>",
    // e.g. "60 Europe/Paris"; only the offset when the browser names no zone.
    timeZone: function () {
        var name = "";
        try {
            name = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
        } catch (e) {
            name = "";
        }
        return String(-new Date().getTimezoneOffset()) + (name ? " " + name : "");
    },

    // Focus on the page's h1 once the router showed another page (MainLayout calls it), so that a screen reader announces
    // the new page: what Blazor's FocusOnNavigate does with the selector "h1", without an argument (see PageFocus).
    focusHeading: function () {
        var heading = document.querySelector("h1");
        if (heading) {
            if (!heading.hasAttribute("tabindex")) {
                heading.tabIndex = -1; // focusable by script, not in the tab order
            }
            heading.focus({ preventScroll: true });
        }
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

// A click anywhere on a row marked data-row-link follows the row's first link, as a click on the link would (Blazor
// navigates within the circuit). Lists that write their rows as markup (the integrations list, issue 8) need no
// handler per row in the circuit this way; keyboards and screen readers use the link itself.
document.addEventListener("click", function (e) {
    var target = e.target instanceof Element ? e.target : null;
    var row = target && target.closest("tr[data-row-link]");
    if (!row || e.button !== 0 || e.defaultPrevented || target.closest("a, button, input, select, textarea")) {
        return;
    }
    var link = row.querySelector("a[href]");
    if (link) {
        link.click();
    }
});

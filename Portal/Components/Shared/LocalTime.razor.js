// The browser's time zone, read once per page: its IANA name and its current offset from UTC in minutes.
export function timeZone() {
    let name = null;
    try {
        name = Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
    } catch {
        name = null;
    }
    return { name: name, offsetMinutes: -new Date().getTimezoneOffset() };
}

using System.Globalization;

namespace AgentLedger.Core.Records;

/// <summary>
/// The ids AgentLedger derives for OTLP items, which carry none: <c>otlp:</c>, the item's own time in Unix milliseconds
/// (at least 11 hex digits, so ids sort by it), <c>-</c>, then 32 hex digits of a SHA-256 of the item's canonical bytes
/// (with a <c>#n</c> suffix for the n-th byte-identical copy in one request). The time part puts the ids a group
/// commit inserts next to each other in the <c>(workspace_id, event_id)</c> dedupe index, instead of one per random leaf
/// of it: with hash-only ids every record rewrote a leaf of an index as large as the history, so ingest slowed as the
/// store grew. Stores written before schema 14 hold hash-only ids (<c>otlp:</c> + 32 hex); <see cref="TryGetLegacy"/>
/// gives the id an older server stored for the same item, so that a batch it stored and a client re-sends is kept once.
/// </summary>
public static class OtlpEventIds
{
    public const string Prefix = "otlp:";

    /// <summary>
    /// The name of the store mark (table <c>store_marks</c>, set by migration 0014 in a store that already held records)
    /// before which, in Unix milliseconds of an item's time, an item may have been stored under its hash-only id.
    /// </summary>
    public const string LegacyMarkName = "legacy_otlp_event_ids_before_ms";

    /// <summary>The id of an item whose time is <paramref name="timeUnixMs"/> (0 when it has none) and whose digest's first 16 bytes are <paramref name="digest16"/>.</summary>
    public static string Of(long timeUnixMs, ReadOnlySpan<byte> digest16) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{timeUnixMs:x11}-{Convert.ToHexStringLower(digest16)}");

    /// <summary>Unix milliseconds of an item's OTLP time (nanoseconds since the epoch; 0 when unset).</summary>
    public static long Millis(ulong timeUnixNano) => (long)(timeUnixNano / 1_000_000);

    /// <summary>
    /// The hash-only id to look for as well before storing a record with <paramref name="eventId"/>: only for an OTLP
    /// item whose time is before the store's <paramref name="legacyBeforeMs"/> mark (0: the store has no hash-only ids).
    /// </summary>
    public static bool TryGetLegacyToProbe(string eventId, long legacyBeforeMs, out string legacyId)
    {
        legacyId = "";
        return legacyBeforeMs > 0 && TryGetLegacy(eventId, out legacyId, out var timeUnixMs) && timeUnixMs < legacyBeforeMs;
    }

    /// <summary>
    /// For a time-ordered OTLP id: the hash-only id a server before schema 14 gave the same item, and the item's time.
    /// False for any other id (native events' own ids, hash-only ids).
    /// </summary>
    public static bool TryGetLegacy(string eventId, out string legacyId, out long timeUnixMs)
    {
        legacyId = "";
        timeUnixMs = 0;
        if (!eventId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dash = eventId.IndexOf('-', Prefix.Length);
        if (dash < 0 || !long.TryParse(eventId.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out timeUnixMs))
        {
            return false;
        }

        legacyId = string.Concat(Prefix, eventId.AsSpan(dash + 1));
        return true;
    }
}
